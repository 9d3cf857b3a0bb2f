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

extension Migrations {
    /// The rule columns of `plan` that move to its terms.
    static let planRuleColumns = [
        "pricePerShare", "maxShares", "minAge", "maxAge", "gender", "waitingPeriodDays", "deductible", "paymentRatio",
        "perClaimCap", "perTermCap", "benefits", "reportWindowDays", "lapseWindowDays", "groupMinimumPercent",
        "groupSmallUnitThreshold", "benefitBase",
    ]

    /// Rules belong to the term: each term gets a copy of its plan's rules
    /// (JSON of ``PlanRules``, with the refund and leaving rules of plans
    /// made before them: a full refund only before the cover starts, cover
    /// kept to the term's end), then the plan keeps only code, name, kind
    /// and exclusive group.
    static func addTermRules(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE planTerm ADD COLUMN rules TEXT NOT NULL DEFAULT '{}'")
        try db.execute(sql: """
            UPDATE planTerm SET rules = (
                SELECT json_object(
                    'pricePerShare', p.pricePerShare, 'maxShares', p.maxShares, 'minAge', p.minAge,
                    'maxAge', p.maxAge, 'gender', p.gender, 'waitingPeriodDays', p.waitingPeriodDays,
                    'deductible', p.deductible, 'paymentRatio', p.paymentRatio, 'perClaimCap', p.perClaimCap,
                    'perTermCap', p.perTermCap, 'benefits', json(p.benefits),
                    'reportWindowDays', p.reportWindowDays, 'lapseWindowDays', p.lapseWindowDays,
                    'groupMinimumPercent', p.groupMinimumPercent, 'groupSmallUnitThreshold', p.groupSmallUnitThreshold,
                    'benefitBase', p.benefitBase, 'refund', 'before_start', 'leaving', 'keep')
                FROM plan p WHERE p.code = planTerm.planCode)
            """)
        for column in planRuleColumns {
            try db.execute(sql: "ALTER TABLE plan DROP COLUMN \(column)")
        }
    }
}
