import GRDB

extension Migrations {
    static func createPlans(_ db: Database) throws {
        try db.create(table: "plan") { t in
            t.primaryKey("code", .text)
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("pricePerShare", .integer).notNull()
            t.column("maxShares", .integer).notNull()
            t.column("minAge", .integer)
            t.column("maxAge", .integer)
            t.column("gender", .text)
            t.column("waitingPeriodDays", .integer).notNull()
            t.column("deductible", .integer).notNull()
            t.column("paymentRatio", .integer).notNull()
            t.column("perClaimCap", .integer)
            t.column("perTermCap", .integer)
            t.column("benefits", .jsonText).notNull()
            t.column("reportWindowDays", .integer).notNull()
            t.column("lapseWindowDays", .integer).notNull()
            t.column("exclusiveGroup", .text).indexed()
            t.column("groupMinimumPercent", .integer)
            t.column("groupSmallUnitThreshold", .integer)
        }
    }

    static func createPlanTerms(_ db: Database) throws {
        try db.create(table: "planTerm") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("planCode", .text).notNull().references("plan")
            t.column("label", .text).notNull()
            t.column("startDate", .text).notNull()
            t.column("endDate", .text).notNull()
            t.column("year", .integer).notNull().indexed()
            t.uniqueKey(["planCode", "label"])
        }
        try db.create(index: "planTerm_on_planCode_startDate", on: "planTerm", columns: ["planCode", "startDate"])
    }
}
