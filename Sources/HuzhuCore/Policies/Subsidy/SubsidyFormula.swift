import GRDB

/// How a policy's contribution is shared between administration, union and
/// member: the union's subsidy formula (行政支持一点、工会筹措一点、职工拿一点).
///
/// The core knows nothing of how the formula is written (a Lua rule, in
/// Huzhu); it asks for a proposal and checks it like any other input: whole
/// fen, non-negative, adding up to the contribution, and the union's share
/// within the unit's remaining subsidy budget.
public protocol SubsidyFormula: AnyObject, Sendable {
    /// Proposes the split for one policy about to be written.
    func decide(_ input: SubsidyInput, in db: Database) throws -> SubsidyDecision

    /// Runs `body`, which decides many policies on the same date, with
    /// whatever the formula can settle once for that date settled once (the
    /// rule version in force, for a Lua rule). The default just runs `body`.
    func deciding<T>(on date: CivilDate, in db: Database, _ body: () throws -> T) throws -> T
}

extension SubsidyFormula {
    public func deciding<T>(on date: CivilDate, in db: Database, _ body: () throws -> T) throws -> T {
        try body()
    }
}

/// What a subsidy formula sees for one policy.
public struct SubsidyInput: Sendable {
    public var plan: Plan
    public var term: PlanTerm
    public var shares: Int
    public var contribution: Money
    public var start: CivilDate
    public var end: CivilDate
    public var member: Member
    /// The member's age in whole years at the policy start.
    public var ageAtStart: Int
    /// The member's unit and its ancestors up to the federation, nearest first.
    public var unitChain: [String]
    /// The budget that applies (the nearest unit up the chain with one for the term's year).
    public var budget: SubsidyBudgetStatus?
    /// The business date of the decision (the version of the rule in force on it decides).
    public var decidedOn: CivilDate

    public init(plan: Plan, term: PlanTerm, shares: Int, contribution: Money, start: CivilDate, end: CivilDate,
                member: Member, ageAtStart: Int, unitChain: [String], budget: SubsidyBudgetStatus?, decidedOn: CivilDate) {
        self.plan = plan
        self.term = term
        self.shares = shares
        self.contribution = contribution
        self.start = start
        self.end = end
        self.member = member
        self.ageAtStart = ageAtStart
        self.unitChain = unitChain
        self.budget = budget
        self.decidedOn = decidedOn
    }
}

/// A formula's answer, with what made it, for the decision record.
public struct SubsidyDecision: Sendable {
    public var split: ContributionSplit
    public var ruleName: String?
    public var ruleVersionID: Int64?
    /// Why (`huzhu.explain` notes).
    public var notes: [String]

    public init(split: ContributionSplit, ruleName: String? = nil, ruleVersionID: Int64? = nil, notes: [String] = []) {
        self.split = split
        self.ruleName = ruleName
        self.ruleVersionID = ruleVersionID
        self.notes = notes
    }
}
