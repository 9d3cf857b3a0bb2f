import GRDB

/// The SQL of subsidy budgets, of what is used of them and of the subsidy
/// decisions enrollment records (``SubsidyBudgetService`` and
/// ``EnrollmentService`` hold the rules; a re-split's statements are
/// ``SubsidyResplitStore``'s).
enum SubsidyStore {
    // MARK: - Budgets

    /// A unit's own budget for a year, if set.
    static func budget(_ db: Database, unitCode: String, year: Int) throws -> SubsidyBudget? {
        try SubsidyBudget.fetchOne(db, key: ["unitCode": unitCode, "year": year])
    }

    /// Stores a budget, replacing the unit's budget for that year.
    static func save(_ db: Database, _ budget: SubsidyBudget) throws {
        try budget.save(db)
    }

    /// The budgets of a year: each unit's code, amount and path.
    static func budgets(_ db: Database, year: Int) throws -> [(unitCode: String, amount: Int64, path: String)] {
        try Row.fetchAll(db, sql: """
            SELECT b.unitCode, b.amount, u.path FROM subsidyBudget b JOIN unit u ON u.code = b.unitCode WHERE b.year = ?
            """, arguments: [year]).map { (unitCode: $0[0], amount: $0[1], path: $0[2]) }
    }

    /// What a budget's use counts: the union shares of the year's active
    /// policies of the units under a path (the unit's subtree), in fen.
    static func unionShares(_ db: Database, year: Int, under path: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(splitUnion), 0) FROM policy
            WHERE status = 'active' AND year = ? AND unitCode IN (SELECT code FROM unit WHERE path >= ? AND path < ?)
            """, arguments: [year, path, String(path.dropLast()) + "0"]) ?? 0
    }

    // MARK: - Decisions

    /// Records a subsidy decision beside the policy it made (inputs, outputs
    /// and notes as JSON texts).
    static func insertDecision(_ db: Database, _ decision: SubsidyDecision, policyID: Int64?, decidedOn: CivilDate,
                               inputs: String, outputs: String, operatorName: String) throws {
        // Cached: a group enrolment records one decision per policy.
        try db.cachedStatement(sql: """
            INSERT INTO decision (kind, ruleName, ruleVersionID, subjectTable, subjectID, decidedOn, inputs, outputs, notes, operator)
            VALUES ('subsidy', ?, ?, 'policy', ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [decision.ruleName, decision.ruleVersionID, policyID, decidedOn.description,
                                     inputs, outputs, JSONText.array(decision.notes), operatorName])
    }
}
