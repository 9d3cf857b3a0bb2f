import GRDB

extension Migrations {
    /// Rule scripts by name, every version kept forever.
    static func createRuleVersions(_ db: Database) throws {
        try db.create(table: "ruleVersion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("sha256", .text).notNull()
            t.column("text", .text).notNull()
            t.column("effectiveFrom", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("registeredAt", .text).notNull()
        }
        try db.create(index: "ruleVersion_byNameDate", on: "ruleVersion", columns: ["name", "effectiveFrom", "id"])
        // Versions are history: never changed, never removed.
        try db.execute(sql: """
            CREATE TRIGGER ruleVersion_noUpdate BEFORE UPDATE ON ruleVersion
            BEGIN SELECT RAISE(ABORT, 'rule versions are kept forever and never changed'); END;
            CREATE TRIGGER ruleVersion_noDelete BEFORE DELETE ON ruleVersion
            BEGIN SELECT RAISE(ABORT, 'rule versions are kept forever and never changed'); END;
            """)
    }

    /// What a rule decided, with its inputs, version and notes (for explain and replay).
    static func createDecisions(_ db: Database) throws {
        try db.create(table: "decision") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("kind", .text).notNull()
            t.column("ruleName", .text)
            t.column("ruleVersionID", .integer).references("ruleVersion")
            t.column("subjectTable", .text).notNull()
            t.column("subjectID", .integer).notNull()
            t.column("decidedOn", .text).notNull()
            t.column("inputs", .jsonText).notNull()
            t.column("outputs", .jsonText).notNull()
            t.column("notes", .jsonText).notNull()
            t.column("operator", .text).notNull()
        }
        try db.create(index: "decision_bySubject", on: "decision", columns: ["subjectTable", "subjectID"])
        try db.create(index: "decision_byKindDate", on: "decision", columns: ["kind", "decidedOn"])
    }
}

extension Migrations {
    /// Units' yearly subsidy budgets.
    static func createSubsidyBudgets(_ db: Database) throws {
        try db.create(table: "subsidyBudget") { t in
            t.column("unitCode", .text).notNull().references("unit")
            t.column("year", .integer).notNull()
            t.column("amount", .integer).notNull().check { $0 >= 0 }
            t.primaryKey(["unitCode", "year"])
        }
    }
}
