/// Deciding the amount of an approval from what the claim's review found:
/// the lapse window, the documents still missing and the benefit the core
/// computed. Shared by ``ClaimService`` and the demo's bulk claims writer,
/// which gather those inputs differently (queries; memory) and must refuse
/// alike.
enum ClaimApproval {
    /// The amount to approve, or every reason it cannot be approved; fills
    /// in the review's breakdown and capped top-up.
    ///
    /// - Parameters:
    ///   - claim: The claim under review.
    ///   - missingDocuments: The required documents not yet provided.
    ///   - breakdown: The benefit as ``BenefitCalculator`` computes it for the claim.
    ///   - amount: The reviewer's amount, or `nil` for the benefit (or the capped top-up).
    ///   - topUp: A top-up rule's proposal, if any.
    ///   - termLabel: The claim's term label, for the over-cap message (read only then).
    ///   - review: The open review round.
    /// - Throws: ``ValidationError`` with every failure (E654, E657, E652, E658, E661, E617, E621, E622).
    static func amount(for claim: Claim, missingDocuments: [ClaimDocument], breakdown: BenefitBreakdown, amount: Money?,
                       topUp: TopUpProposal?, termLabel: () throws -> String,
                       into review: inout ClaimReview) throws -> Money {
        let subject = ValidationFailure.Subject.claim(claim.id!)
        var failures = FailureCollector()
        if claim.reportedOn > claim.lapseDate {
            failures.add(lapseFailure(claim))
        }
        if !missingDocuments.isEmpty {
            failures.add(.documentsMissing, field: "documents", subject: subject,
                         ["documents": missingDocuments.map(\.rawValue).joined(separator: ", ")])
        }
        review.computedBase = breakdown.base
        review.deductible = breakdown.deductible
        review.paymentRatio = breakdown.paymentRatio
        review.beforeCaps = breakdown.beforeCaps
        review.capApplied = breakdown.capApplied
        review.computedAmount = breakdown.amount
        var maximum = breakdown.amount
        if let topUp {
            if topUp.ruleName.isEmpty || topUp.ruleSHA256.isEmpty {
                failures.add(.topUpRuleRequired, field: "topUp", subject: subject)
            }
            if topUp.amount.isNegative {
                failures.add(.topUpNegative, field: "topUp", value: .plain(topUp.amount.description), subject: subject,
                             ["rule": topUp.ruleName, "amount": topUp.amount.description])
            } else {
                let capped = BenefitCalculator.cap(topUp, within: breakdown)
                review.topUpProposed = capped.proposed
                review.topUpCapped = capped.capped
                review.topUpRule = topUp.ruleName
                review.topUpRuleSHA256 = topUp.ruleSHA256
                review.topUpNote = topUp.note
                maximum = capped.capped
            }
        }
        var amountExplained = false
        if breakdown.inWaitingPeriod {
            failures.add(.waitingPeriod, field: "incidentDate", value: .plain(claim.incidentDate.description),
                         subject: subject, ["date": claim.incidentDate.description, "days": String(breakdown.waitingPeriodDays),
                                            "start": breakdown.coverStart.description,
                                            "covered": breakdown.coveredFrom.description])
            amountExplained = true
        } else if maximum.fen == 0, breakdown.capApplied == .perTerm || topUp != nil && breakdown.remainingInTerm?.fen == 0 {
            failures.add(.overCap, field: "amount", subject: subject,
                         ["limit": breakdown.perTermCap?.description ?? "", "used": breakdown.usedInTerm.description,
                          "term": try termLabel()])
            amountExplained = true
        } else if maximum.fen == 0, breakdown.method == .ratio, breakdown.base <= breakdown.deductible {
            failures.add(.belowDeductible, field: "amount", subject: subject,
                         ["base": breakdown.base.description, "deductible": breakdown.deductible.description])
            amountExplained = true
        }
        let approved = amount ?? maximum
        if !amountExplained, approved.fen <= 0 || approved > maximum {
            failures.add(.approvedAmountInvalid, field: "amount", value: .plain(approved.description), subject: subject,
                         ["amount": approved.description, "benefit": maximum.description])
        }
        try failures.throwIfAny()
        return approved
    }

    /// Why a claim reported after its lapse date is refused (E654).
    static func lapseFailure(_ claim: Claim) -> ValidationFailure {
        let from = claim.settlementDate ?? claim.dischargeDate ?? claim.incidentDate
        return ValidationFailure(.lapsed, field: "reportedOn", value: .plain(claim.reportedOn.description),
                                 subject: .claim(claim.id!),
                                 ["reported": claim.reportedOn.description, "deadline": claim.lapseDate.description,
                                  "window": String(from.days(until: claim.lapseDate)), "from": from.description])
    }
}
