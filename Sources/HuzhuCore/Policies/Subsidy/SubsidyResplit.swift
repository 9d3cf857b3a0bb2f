import GRDB

/// What ``SubsidyResplit/apply(_:year:context:)`` did (or, rolled back, would do).
public struct SubsidyResplitSummary: Hashable, Sendable {
    /// The plan-term year.
    public var year: Int
    /// The active policies of the year in scope that the formula decided.
    public var examined: Int
    /// Those whose split changed (each got a decision and an adjusting entry).
    public var changed: Int
    /// Net change per payer over all changed policies (after − before), in fen;
    /// the three add up to 0 (a contribution never changes, only who pays it).
    public var administration: Int64
    public var union: Int64
    public var member: Int64
    /// The rule that decided and its version (nil when the formula has none).
    public var ruleName: String?
    public var ruleVersionID: Int64?

    public init(year: Int, examined: Int = 0, changed: Int = 0, administration: Int64 = 0, union: Int64 = 0,
                member: Int64 = 0, ruleName: String? = nil, ruleVersionID: Int64? = nil) {
        self.year = year
        self.examined = examined
        self.changed = changed
        self.administration = administration
        self.union = union
        self.member = member
        self.ruleName = ruleName
        self.ruleVersionID = ruleVersionID
    }
}

/// Applies the subsidy formula in force to the policies already written
/// (a "re-split"): when a union changes its formula, every active policy of
/// a plan-term year is decided again, and each whose split changes is
/// updated, gets a decision with the rule version, and gets one adjusting
/// ledger entry (kind `adjustment`) moving the difference per payer part
/// between the contribution accounts.
///
/// The checks are enrollment's (``EnrollmentService``): the proposal must
/// be whole non-negative fen adding up to the contribution (E507, E508), and
/// the union's share must stay within the unit's subsidy budget for the year
/// (E1002). The budget is the nearest one up the policy unit's chain; its
/// use counts the policies already re-split at their new union share and
/// the others at their old one, and a policy's own old share is given back
/// before its new one is checked (and `e.budget.remaining` says so).
///
/// Built for a million policies in constant memory: the policies stream
/// through one cursor in id order; each change goes to a temporary table;
/// the policies and decisions are then written set-wise in a few
/// statements, and the adjusting entries through the ledger's one set-based
/// posting method (which enrolment's ``LedgerService/postContributions(_:batchID:context:)``
/// uses too; it refuses a date in a closed period, E950). All of it happens in one savepoint: any error (a rule
/// error, a rejected proposal) leaves nothing. The audit trail gets three
/// rows — the policies updated, the decisions and the ledger entries (their
/// id range) — instead of one per policy.
///
/// ```swift
/// let summary = try database.write { db in
///     try SubsidyResplit(scope: .everything, formula: formula).apply(db, year: 2026, context: context)
/// }
/// summary.changed   // policies whose split changed
/// ```
public struct SubsidyResplit {
    /// The part of the tree whose policies are re-split (by the policy's unit).
    public let scope: Scope
    /// The formula that decides.
    public let formula: any SubsidyFormula

    public init(scope: Scope = .everything, formula: any SubsidyFormula) {
        self.scope = scope
        self.formula = formula
    }

    /// Decides every active policy of `year` in scope again, writing the changes.
    ///
    /// Decisions are made on ``WriteContext/today`` (the rule version in
    /// force that day decides) and recorded with that date.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - year: The plan-term year.
    ///   - context: Operator, script (the rule, for the trail) and today's date.
    /// - Returns: What was examined and changed, and the money moved per payer.
    /// - Throws: The formula's errors; ``ValidationError`` (E507, E508, E1002)
    ///   naming the policy, E950 when today is in a closed period; database
    ///   errors. Nothing is written then.
    public func apply(_ db: Database, year: Int, context: WriteContext) throws -> SubsidyResplitSummary {
        var summary = SubsidyResplitSummary(year: year)
        // The adjusting entries are dated today: refuse before deciding a million policies.
        try LedgerService(scope: scope).refuseClosedPeriod(db, date: context.today)
        try db.inSavepoint {
            try SubsidyResplitStore.createTable(db)
            try formula.deciding(on: context.today, in: db) {
                try decideAll(db, year: year, context: context, into: &summary)
            }
            if summary.changed > 0 { try write(db, summary, context: context) }
            try SubsidyResplitStore.dropTable(db)
            return .commit
        }
        return summary
    }

    // MARK: - Deciding

    /// Streams the policies through the formula; changes go to `temp.subsidyResplit`.
    private func decideAll(_ db: Database, year: Int, context: WriteContext,
                           into summary: inout SubsidyResplitSummary) throws {
        let policies = try SubsidyResplitStore.Policies(db, year: year, in: try scope.range(in: db))
        let recorder = try SubsidyResplitStore.Recorder(db)
        var terms = TermCache()
        var units = UnitCache()
        var budgets = try BudgetLedger(db, year: year)

        while let policy = try policies.next() {
            let policyID = policy.id
            let (plan, term) = try terms.planAndTerm(db, id: policy.planTermID)
            let contribution = policy.contribution
            let start = policy.start, end = policy.end
            let policyUnit = policy.unitCode
            let before = policy.split
            let member = policy.member
            let memberUnit = member.unitCode
            let age = member.age(on: start)
            let budgetUnit = try units.budgetUnit(db, of: policyUnit, budgets: budgets)
            let budget = budgetUnit.map { budgets.status($0, givingBack: before.union.fen) }
            let input = SubsidyInput(plan: plan, term: term, shares: policy.shares, contribution: contribution, start: start, end: end,
                                     member: member, ageAtStart: age, unitChain: try units.chain(db, of: memberUnit),
                                     budget: budget, decidedOn: context.today)
            let decision = try formula.decide(input, in: db)
            summary.examined += 1
            if summary.ruleVersionID == nil {
                summary.ruleName = decision.ruleName
                summary.ruleVersionID = decision.ruleVersionID
            }
            let after = decision.split
            let subject = ValidationFailure.Subject.policy(policyID)
            var failures = after.failures(against: contribution, subject: subject)
            if let budget, after.union.fen > budget.remaining.fen {
                failures.append(ValidationFailure(.subsidyBudgetExceeded, field: "split.union", subject: subject,
                                                  ["union": after.union.description, "remaining": budget.remaining.description]))
            }
            if !failures.isEmpty { throw ValidationError(failures) }
            if budgetUnit != nil, after.union != before.union {
                // Every budget up the chain counts this policy's union share.
                for code in try units.chain(db, of: policyUnit) where budgets.has(code) {
                    budgets.use(code, after.union.fen - before.union.fen)
                }
            }
            guard after != before else { continue }

            summary.changed += 1
            summary.administration += after.administration.fen - before.administration.fen
            summary.union += after.union.fen - before.union.fen
            summary.member += after.member.fen - before.member.fen
            try recorder.record(policyID: policyID, after, was: before, age: age, notes: decision.notes)
        }
    }
}

// MARK: - Caches (bounded by the number of plan terms and units, not policies)

/// Plans and terms by term id.
private struct TermCache {
    private var known: [Int64: (Plan, PlanTerm)] = [:]

    mutating func planAndTerm(_ db: Database, id: Int64) throws -> (Plan, PlanTerm) {
        if let found = known[id] { return found }
        guard let term = try PlanStore.term(db, id: id), let plan = try PlanStore.plan(db, termID: id) else {
            throw ValidationError(ValidationFailure(.termUnknown, field: "term", value: .plain(String(id)),
                                                    ["plan": "?", "term": String(id)]))
        }
        known[id] = (plan, term)
        return (plan, term)
    }
}

/// Units' chains up to the federation (nearest first) and their budget units.
private struct UnitCache {
    private var chains: [String: [String]] = [:]
    private var budgetUnits: [String: String?] = [:]

    mutating func chain(_ db: Database, of code: String) throws -> [String] {
        if let chain = chains[code] { return chain }
        let path = try UnitStore.path(db, code: code) ?? ""
        let chain = Array(path.split(separator: "/").map(String.init).reversed())
        chains[code] = chain
        return chain
    }

    /// The nearest unit up the chain with a budget for the year, if any.
    mutating func budgetUnit(_ db: Database, of code: String, budgets: BudgetLedger) throws -> String? {
        if let found = budgetUnits[code] { return found }
        let found = budgets.isEmpty ? nil : try chain(db, of: code).first { budgets.has($0) }
        budgetUnits[code] = .some(found)
        return found
    }
}

/// The year's subsidy budgets and what is used of each, kept up to date as policies are re-split.
private struct BudgetLedger {
    private var amounts: [String: Int64] = [:]
    private var used: [String: Int64] = [:]
    private let year: Int

    init(_ db: Database, year: Int) throws {
        self.year = year
        for (code, amount, path) in try SubsidyStore.budgets(db, year: year) {
            amounts[code] = amount
            // What SubsidyBudgetService.status counts: the union shares of the year's active policies in the subtree.
            used[code] = try SubsidyStore.unionShares(db, year: year, under: path)
        }
    }

    var isEmpty: Bool { amounts.isEmpty }
    func has(_ code: String) -> Bool { amounts[code] != nil }

    /// The budget as a policy being decided again sees it: its own old union share given back.
    func status(_ code: String, givingBack share: Int64) -> SubsidyBudgetStatus {
        SubsidyBudgetStatus(unitCode: code, year: year, amount: Money(fen: amounts[code]!), used: Money(fen: used[code]! - share))
    }

    mutating func use(_ code: String, _ change: Int64) {
        used[code]! += change
    }
}
