import GRDB

extension Migrations {
    /// Units' annual targets: members to enroll and contributions, for all
    /// plans (`planCode` NULL) or one plan.
    static func createTargets(_ db: Database) throws {
        try db.create(table: "target") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("unitCode", .text).notNull().references("unit")
            t.column("year", .integer).notNull()
            t.column("planCode", .text).references("plan")
            t.column("members", .integer).notNull().check { $0 >= 0 }
            t.column("contributions", .integer).notNull().check { $0 >= 0 }
            t.column("operator", .text).notNull()
            t.column("setOn", .text).notNull()
        }
        // One target per unit, year and plan (all plans counting as one "plan").
        try db.execute(sql: "CREATE UNIQUE INDEX target_byUnitYearPlan ON target(unitCode, year, IFNULL(planCode, ''))")
        try db.create(index: "target_byYear", on: "target", columns: ["year"])
    }
}
