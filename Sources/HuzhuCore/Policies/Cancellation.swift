/// What cancelling a policy did (``EnrollmentService/cancel(_:policyID:on:reason:context:)``).
public struct Cancellation: Hashable, Sendable {
    /// The policy as cancelled (status, last covered day, reason, refund).
    public var policy: Policy
    /// What went back to each payer, in proportion to what each paid.
    public var refund: ContributionSplit
    /// The refund rule applied (the term's, or pro rata for a leaver under `end_with_refund`).
    public var refundRule: RefundRule
    /// The ledger's refund entry, if one was posted.
    public var entryID: Int64?

    /// Creates a value.
    public init(policy: Policy, refund: ContributionSplit, refundRule: RefundRule, entryID: Int64?) {
        self.policy = policy
        self.refund = refund
        self.refundRule = refundRule
        self.entryID = entryID
    }
}
