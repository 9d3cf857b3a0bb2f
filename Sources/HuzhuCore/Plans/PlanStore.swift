import GRDB

/// The SQL of plans and their terms (``PlanService`` holds the rules).
enum PlanStore {
    static func plan(_ db: Database, code: String) throws -> Plan? {
        try Plan.fetchOne(db.cachedStatement(sql: "SELECT * FROM plan WHERE code = ?"), arguments: [code])
    }

    static func exists(_ db: Database, code: String) throws -> Bool {
        try Plan.exists(db, key: code)
    }

    /// All plans, by code.
    static func plans(_ db: Database) throws -> [Plan] {
        try Plan.order(Plan.Columns.code).fetchAll(db)
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
