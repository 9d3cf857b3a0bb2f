import GRDB

/// The SQL of annual targets and of the enrolments their progress counts
/// (``TargetService`` holds the rules).
enum TargetStore {
    /// A unit's target for a year and plan (nil plan: all plans).
    static func target(_ db: Database, unitCode: String, year: Int, planCode: String?) throws -> Target? {
        try Target.fetchOne(db, sql: """
            SELECT * FROM target WHERE unitCode = ? AND year = ? AND IFNULL(planCode, '') = ?
            """, arguments: [unitCode, year, planCode ?? ""])
    }

    /// The all-plans targets of a year (no plan code), in no particular order.
    static func allPlansTargets(_ db: Database, year: Int) throws -> [Target] {
        try Target.fetchAll(db, sql: "SELECT * FROM target WHERE year = ? AND planCode IS NULL", arguments: [year])
    }

    /// The targets of a year in a range of units, in unit path order, each unit's all-plans target first.
    static func targets(_ db: Database, year: Int, in range: UnitRange) throws -> [Target] {
        var sql: SQL = "SELECT * FROM target WHERE year = \(year)"
        if let condition = range.condition(on: "unitCode") { sql = sql + " AND " + condition }
        sql = sql + " ORDER BY (SELECT path FROM unit WHERE code = target.unitCode), planCode IS NOT NULL, planCode"
        return try Target.fetchAll(db, SQLRequest<Target>(literal: sql))
    }

    /// Stores a target (a new row, or the one with its id).
    static func save(_ db: Database, _ target: inout Target) throws {
        try target.save(db)
    }

    /// Per enrolment day up to `asOf`, in day order, of the policies not
    /// cancelled in a range of units whose term starts in `asOf`'s year (the
    /// programme year): the members enrolled for the first time in that
    /// year's terms (on their first day) and the contributions.
    static func dailyEnrollments(_ db: Database, planCode: String?, in range: UnitRange,
                                 asOf: CivilDate) throws -> [(day: CivilDate, members: Int, fen: Int64)] {
        var filter: SQL = "status <> 'cancelled' AND year = \(asOf.year) AND enrolledOn <= \(asOf)"
        if let planCode { filter = filter + " AND planCode = \(planCode)" }
        if let condition = range.condition(on: "unitCode") { filter = filter + " AND " + condition }
        let daily = try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT day, SUM(newMembers) AS members, SUM(fen) AS fen FROM (
              SELECT enrolledOn AS day, 0 AS newMembers, contribution AS fen FROM policy WHERE \(filter)
              UNION ALL
              SELECT MIN(enrolledOn), 1, 0 FROM policy WHERE \(filter) GROUP BY memberID
            ) GROUP BY day ORDER BY day
            """))
        return daily.map { (day: $0["day"], members: $0["members"], fen: $0["fen"]) }
    }
}
