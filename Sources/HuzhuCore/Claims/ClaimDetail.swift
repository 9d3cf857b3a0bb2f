/// A claim with everything recorded about it: the member's resident ID,
/// the term's label, the documents checklist, the review rounds, the
/// transitions, the payment and any adjustments after a reopening.
public struct ClaimDetail: Hashable, Sendable {
    /// The claim.
    public var claim: Claim
    /// The member's resident ID.
    public var residentID: ResidentID
    /// The policy term's label.
    public var termLabel: String
    /// The checklist, in checklist order, extras last.
    public var documents: [ClaimDocumentStatus]
    /// The review rounds, first first.
    public var reviews: [ClaimReview]
    /// The transitions, oldest first.
    public var events: [ClaimEvent]
    /// The (first) payment, once paid.
    public var payment: ClaimPayment?
    /// What later decisions settled against the payments: further
    /// payments, amounts owed back and cancelled, oldest first.
    public var adjustments: [ClaimAdjustment] = []
    /// The member's repayments of amounts owed back, oldest first.
    public var repayments: [ClaimRepayment] = []

    /// Paid so far, owed back and repaid.
    public var money: ClaimMoney {
        ClaimMoney(payment: payment, adjustments: adjustments, repaid: Money(fen: repayments.reduce(0) { $0 + $1.amount.fen }))
    }

    /// The documents still missing, in checklist order.
    public var missingDocuments: [ClaimDocument] {
        documents.filter { $0.required && !$0.provided }.map(\.document)
    }
}

/// A claim that has waited at one step longer than allowed.
public struct OverdueClaim: Hashable, Sendable {
    /// The claim.
    public var claim: Claim
    /// The business date it reached its status.
    public var since: CivilDate
    /// Days waited by the as-of date.
    public var days: Int
}
