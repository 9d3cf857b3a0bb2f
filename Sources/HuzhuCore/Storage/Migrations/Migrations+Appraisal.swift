import GRDB

extension Migrations {
    /// Appraisal runs (half-year preliminary, year-end final), their
    /// results per unit, and the reward register.
    static func createAppraisals(_ db: Database) throws {
        try db.create(table: "appraisalRun") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("level", .text).notNull()
            t.column("period", .text).notNull().check { ["H1", "YEAR"].contains($0) }
            t.column("year", .integer).notNull()
            t.column("asOf", .text).notNull()
            t.column("ruleName", .text).notNull()
            t.column("ruleVersionID", .integer).references("ruleVersion")
            t.column("ruleSHA256", .text).notNull()
            // current: the run in force; superseded: replaced by a later run; confirmed: final and locked.
            t.column("status", .text).notNull().check { ["current", "superseded", "confirmed"].contains($0) }
            t.column("ranOn", .text).notNull()
            t.column("ranAt", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("confirmedOn", .text)
            t.column("confirmedBy", .text)
        }
        try db.create(index: "appraisalRun_byKey", on: "appraisalRun", columns: ["level", "period", "year", "status"])
        // A confirmed appraisal is locked.
        try db.execute(sql: """
            CREATE TRIGGER appraisalRun_lockConfirmed BEFORE UPDATE ON appraisalRun WHEN OLD.status = 'confirmed'
            BEGIN SELECT RAISE(ABORT, 'a confirmed appraisal is locked'); END;
            CREATE TRIGGER appraisalRun_noDelete BEFORE DELETE ON appraisalRun
            BEGIN SELECT RAISE(ABORT, 'appraisal runs are kept as history'); END;
            """)

        try db.create(table: "appraisalResult") { t in
            t.column("runID", .integer).notNull().references("appraisalRun")
            t.column("unitCode", .text).notNull().references("unit")
            t.column("rank", .integer).notNull().check { $0 >= 1 }
            t.column("score", .double).notNull()
            t.column("breakdown", .jsonText).notNull()
            t.column("reward", .integer).notNull().check { $0 >= 0 }
            t.column("indicators", .jsonText).notNull()
            t.column("notes", .jsonText).notNull()
            t.primaryKey(["runID", "unitCode"])
        }
        try db.execute(sql: """
            CREATE TRIGGER appraisalResult_noUpdate BEFORE UPDATE ON appraisalResult
            BEGIN SELECT RAISE(ABORT, 'appraisal results are kept as history'); END;
            CREATE TRIGGER appraisalResult_noDelete BEFORE DELETE ON appraisalResult
            BEGIN SELECT RAISE(ABORT, 'appraisal results are kept as history'); END;
            """)

        // Rewards are union money, not the mutual-aid fund: a register of
        // their own, written when a final appraisal is confirmed.
        try db.create(table: "reward") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("runID", .integer).notNull().references("appraisalRun").indexed()
            t.column("unitCode", .text).notNull().references("unit").indexed()
            t.column("year", .integer).notNull()
            t.column("amount", .integer).notNull().check { $0 > 0 }
            t.column("rank", .integer).notNull()
            t.column("recordedOn", .text).notNull()
            t.column("operator", .text).notNull()
        }
    }
}
