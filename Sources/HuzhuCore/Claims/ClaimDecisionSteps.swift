/// The steps of deciding and paying a claim that need no database: the
/// decision written into its review round, and the checks of a payment.
/// Shared by ``ClaimService`` and the demo's bulk writer
/// (``ClaimBatch``), so both record and refuse alike.
enum ClaimDecisionSteps {
    /// Writes `decision` into the claim's current review round (who, when,
    /// which script) and onto the claim; returns the status it moves to.
    ///
    /// - Parameters:
    ///   - decision: Approve or reject.
    ///   - review: The current round, completed here.
    ///   - claim: The claim; gets its approved amount or rejection reason.
    ///   - context: Operator, script and today's date.
    ///   - approval: Computes the amount approved (and fills the round's
    ///     breakdown) from the decision's explicit amount and top-up.
    /// - Returns: `.approved` or `.rejected`.
    static func record(_ decision: ClaimDecision, into review: inout ClaimReview, claim: inout Claim,
                       context: WriteContext,
                       approval: (Money?, TopUpProposal?, inout ClaimReview) throws -> Money) rethrows -> ClaimStatus {
        review.decidedOn = context.today
        review.decidedBy = context.operatorName
        review.scriptName = context.scriptName
        review.scriptSHA256 = context.scriptSHA256
        switch decision {
        case let .approve(amount, topUp, note):
            let approved = try approval(amount, topUp, &review)
            review.decision = .approved
            review.note = note
            review.approvedAmount = approved
            claim.approvedAmount = approved
            return .approved
        case let .reject(reason, note):
            review.decision = .rejected
            review.rejectionReason = reason
            review.note = note
            claim.rejectionReason = reason
            return .rejected
        }
    }

    /// The amount an approved claim may be paid, or its refusal: already
    /// paid (E603, naming the payment, which `previous` looks up only then)
    /// or not approved (E602).
    static func payable(_ claim: Claim, claimID: Int64, previous: () throws -> ClaimPayment?) throws -> Money {
        if claim.status == .paid, let previous = try previous() {
            throw ValidationError(ValidationFailure(.claimAlreadyPaid, field: "status", value: .plain("paid"),
                                                    subject: .claim(claimID),
                                                    ["amount": previous.amount.description, "date": previous.paidOn.description]))
        }
        guard ClaimAction.pay.from.contains(claim.status), let approved = claim.approvedAmount else {
            throw ValidationError(ClaimAction.pay.refusal(from: claim.status, claimID: claimID))
        }
        return approved
    }

    /// A payment's checks against its approved claim: the amount approved
    /// (E618) or, when the claim was paid before (reopened and approved for
    /// more), the amount still due (E623); a reference (E802), not after
    /// today (E309), not before the approval (E620).
    static func check(_ payment: ClaimPayment, claimID: Int64, claim: Claim, approved: Money, today: CivilDate,
                      settled money: ClaimMoney = ClaimMoney(), into failures: inout FailureCollector) {
        let subject = ValidationFailure.Subject.claim(claimID)
        if money.paid.fen > 0 {
            let due = Money(fen: approved.fen - money.settled.fen)
            if payment.amount != due {
                failures.add(.furtherPaymentMismatch, field: "amount", value: .plain(payment.amount.description),
                             subject: subject, ["amount": payment.amount.description, "due": due.description,
                                                "approved": approved.description, "paid": money.paid.description])
            }
        } else if payment.amount != approved {
            failures.add(.paymentAmountMismatch, field: "amount", value: .plain(payment.amount.description), subject: subject,
                         ["amount": payment.amount.description, "approved": approved.description])
        }
        if payment.reference.allSatisfy(\.isWhitespace) {
            failures.add(.valueRequired, field: "reference", subject: subject)
        }
        if payment.paidOn > today {
            failures.add(.dateInFuture, field: "paidOn", value: .plain(payment.paidOn.description), subject: subject,
                         ["date": payment.paidOn.description, "today": today.description])
        }
        if payment.paidOn < claim.statusSince {
            failures.add(.paymentBeforeApproval, field: "paidOn", value: .plain(payment.paidOn.description), subject: subject,
                         ["date": payment.paidOn.description, "approved": claim.statusSince.description])
        }
    }
}
