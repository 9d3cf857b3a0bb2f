/// The outcome of a review: approve (with the computed benefit, a
/// proposed top-up, or a smaller amount the reviewer sets) or reject with
/// a coded reason.
///
/// ```swift
/// .approve()                                            // the computed benefit
/// .approve(amount: Money(fen: 300_000), note: "partial")
/// .approve(topUp: TopUpProposal(amount: Money(fen: 500_000), ruleName: "rules/benefit.lua", ruleSHA256: hash))
/// .reject(.documentsMissing, note: "no invoices")
/// ```
public enum ClaimDecision: Hashable, Sendable {
    /// Approve. The amount paid is `amount` if given, else the top-up as
    /// capped, else the computed benefit; an explicit amount may not exceed
    /// the other two (E617).
    case approve(amount: Money? = nil, topUp: TopUpProposal? = nil, note: String? = nil)
    /// Reject with a stable reason.
    case reject(ClaimRejectionReason, note: String? = nil)
}

/// An amount proposed from outside the core (a union's top-up rule,
/// `benefit(claim, computed)` in Lua), with the rule that proposed it.
///
/// The proposal is the whole benefit the rule wants paid, not an
/// increment. The core caps it at the plan's limits (per claim and what is
/// left of the per-term cap), pays nothing in the waiting period, refuses
/// a negative one (E621), and records proposed, capped, rule and hash in
/// the review.
public struct TopUpProposal: Hashable, Sendable {
    /// The benefit the rule proposes, 0 or more.
    public var amount: Money
    /// The rule's name, e.g. `rules/benefit.lua`.
    public var ruleName: String
    /// The SHA-256 of the rule version's text.
    public var ruleSHA256: String
    /// The rule's explanation, if any.
    public var note: String?

    /// Creates a proposal.
    public init(amount: Money, ruleName: String, ruleSHA256: String, note: String? = nil) {
        self.amount = amount
        self.ruleName = ruleName
        self.ruleSHA256 = ruleSHA256
        self.note = note
    }
}

/// A proposal after the core capped it.
public struct CappedProposal: Hashable, Sendable {
    /// What the rule proposed.
    public var proposed: Money
    /// What the plan's limits allow of it.
    public var capped: Money
    /// The cap that bit, if one did.
    public var capApplied: BenefitCap?
}
