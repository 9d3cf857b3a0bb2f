import GRDB

/// The SQL of plans and their terms (``PlanService`` holds the rules).
enum PlanStore {
    /// A plan with the rules of its latest term (none: default rules, price 0).
    static func plan(_ db: Database, code: String) throws -> Plan? {
        try Plan.fetchOne(db.cachedStatement(sql: "SELECT plan.*, \(latestRules) FROM plan WHERE code = ?"), arguments: [code])
    }

    /// A plan with the rules of one of its terms.
    static func plan(_ db: Database, termID: Int64) throws -> Plan? {
        try Plan.fetchOne(db.cachedStatement(sql: """
            SELECT plan.*, planTerm.rules FROM planTerm JOIN plan ON plan.code = planTerm.planCode WHERE planTerm.id = ?
            """), arguments: [termID])
    }

    /// Every plan with each term's rules, by term id.
    static func plansByTerm(_ db: Database) throws -> [Int64: Plan] {
        var plans: [Int64: Plan] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT planTerm.id AS termID, plan.*, planTerm.rules FROM planTerm JOIN plan ON plan.code = planTerm.planCode
            """) {
            plans[row["termID"]] = try Plan(row: row)
        }
        return plans
    }

    /// The rules of a plan's latest term, as a column `rules`.
    private static let latestRules = """
        (SELECT rules FROM planTerm WHERE planTerm.planCode = plan.code ORDER BY startDate DESC, id DESC LIMIT 1) AS rules
        """

    /// How many policies a term has.
    static func policyCount(_ db: Database, termID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy WHERE planTermID = ?", arguments: [termID]) ?? 0
    }

    /// How many policies a plan has.
    static func policyCount(_ db: Database, planCode: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy WHERE planCode = ?", arguments: [planCode]) ?? 0
    }

    static func update(_ db: Database, _ plan: Plan) throws {
        try plan.update(db)
    }

    static func update(_ db: Database, _ term: PlanTerm) throws {
        try term.update(db)
    }

    static func exists(_ db: Database, code: String) throws -> Bool {
        try Plan.exists(db, key: code)
    }

    /// All plans, by code.
    static func plans(_ db: Database) throws -> [Plan] {
        try Plan.fetchAll(db, sql: "SELECT plan.*, \(latestRules) FROM plan ORDER BY code")
    }

    /// The codes of all plans, in order.
    static func codes(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT code FROM plan ORDER BY code")
    }

    static func insert(_ db: Database, _ plan: Plan) throws {
        try plan.insert(db)
    }

    /// A plan's terms, earliest first.
    static func terms(_ db: Database, planCode: String) throws -> [PlanTerm] {
        try PlanTerm.filter(PlanTerm.Columns.planCode == planCode).order(PlanTerm.Columns.startDate).fetchAll(db)
    }

    static func term(_ db: Database, planCode: String, label: String) throws -> PlanTerm? {
        try PlanTerm.fetchOne(db.cachedStatement(sql: "SELECT * FROM planTerm WHERE planCode = ? AND label = ?"),
                              arguments: [planCode, label])
    }

    static func term(_ db: Database, id: Int64) throws -> PlanTerm? {
        try PlanTerm.fetchOne(db, key: id)
    }

    /// The first term of a plan that has not ended on a day.
    static func firstTerm(_ db: Database, planCode: String, endingOnOrAfter date: CivilDate) throws -> PlanTerm? {
        try PlanTerm
            .filter(PlanTerm.Columns.planCode == planCode && PlanTerm.Columns.endDate >= date)
            .order(PlanTerm.Columns.startDate)
            .fetchOne(db)
    }

    /// Stores a new term, giving it its id.
    static func insert(_ db: Database, _ term: inout PlanTerm) throws {
        try term.insert(db)
    }
}
