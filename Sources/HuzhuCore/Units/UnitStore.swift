import GRDB

/// The SQL of units, offices and headcounts: what ``UnitService`` and
/// ``Scope`` read and write, and nothing else. The services hold the rules;
/// this file holds the queries, so another engine could take its place.
enum UnitStore {
    // MARK: - Units

    /// The unit with a code (a cached statement: scope checks ask often).
    static func unit(_ db: Database, code: String) throws -> Unit? {
        try Unit.fetchOne(db.cachedStatement(sql: "SELECT * FROM unit WHERE code = ?"), arguments: [code])
    }

    /// A unit's materialized path (`/FED/BH/`), or nil for an unknown code.
    static func path(_ db: Database, code: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT path FROM unit WHERE code = ?"), arguments: [code])
    }

    /// The code of the unit with a materialized path, if any.
    static func code(_ db: Database, path: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT code FROM unit WHERE path = ?", arguments: [path])
    }

    /// Every unit's code and path, streamed (in no particular order).
    static func codesAndPaths(_ db: Database, _ each: (_ code: String, _ path: String) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT code, path FROM unit")
        while let row = try rows.next() { each(row[0], row[1]) }
    }

    static func exists(_ db: Database, code: String) throws -> Bool {
        try Unit.exists(db, key: code)
    }

    /// The federation (the root), if there is one.
    static func federation(_ db: Database) throws -> Unit? {
        try Unit.filter(Unit.Columns.kind == UnitKind.federation.rawValue).fetchOne(db)
    }

    static func insert(_ db: Database, _ unit: Unit) throws {
        try unit.insert(db)
    }

    /// Moves a subtree: every path under `oldPath` starts with `newPath` instead, and the unit gets its new parent.
    static func move(_ db: Database, code: String, oldPath: String, newPath: String, parentCode: String) throws {
        try db.execute(literal: """
            UPDATE unit SET path = \(newPath) || substr(path, \(oldPath.utf8.count + 1))
            WHERE \(UnitRange.subtree(oldPath).pathCondition!)
            """)
        try db.execute(literal: "UPDATE unit SET parentCode = \(parentCode) WHERE code = \(code)")
    }

    /// Changes a unit's name and office.
    static func update(_ db: Database, code: String, name: String, officeCode: String?) throws {
        try db.execute(literal: "UPDATE unit SET name = \(name), officeCode = \(officeCode) WHERE code = \(code)")
    }

    /// Records the day a unit closed.
    static func close(_ db: Database, code: String, on date: CivilDate) throws {
        try db.execute(literal: "UPDATE unit SET closedOn = \(date) WHERE code = \(code)")
    }

    /// The first unit (nearest the root) among `codes` that closed before `date`, with its closing day.
    static func closedBefore(_ db: Database, codes: [String], date: CivilDate) throws -> (code: String, closedOn: CivilDate)? {
        guard let row = try Unit
            .select(Unit.Columns.code, Unit.Columns.closedOn)
            .filter(codes.contains(Unit.Columns.code) && Unit.Columns.closedOn < date)
            .order(Unit.Columns.path)
            .asRequest(of: Row.self).fetchOne(db) else { return nil }
        return (row[0], row[1])
    }

    /// The units in a range, of a kind, after a path, in path order.
    static func request(_ range: UnitRange, kind: UnitKind?, afterPath: String? = nil) -> QueryInterfaceRequest<Unit> {
        var request = Unit.all()
        if let condition = range.pathCondition { request = request.filter(condition) }
        if let kind { request = request.filter(Unit.Columns.kind == kind.rawValue) }
        if let afterPath { request = request.filter(Unit.Columns.path > afterPath) }
        return request.order(Unit.Columns.path)
    }

    static func units(_ db: Database, _ range: UnitRange, kind: UnitKind?) throws -> RecordCursor<Unit> {
        try request(range, kind: kind).fetchCursor(db)
    }

    static func count(_ db: Database, _ range: UnitRange, kind: UnitKind?) throws -> Int {
        try request(range, kind: kind).fetchCount(db)
    }

    static func page(_ db: Database, _ range: UnitRange, kind: UnitKind?, afterPath: String?, limit: Int) throws -> [Unit] {
        try request(range, kind: kind, afterPath: afterPath).limit(limit).fetchAll(db)
    }

    // MARK: - Offices

    static func office(_ db: Database, code: String) throws -> Office? {
        try Office.fetchOne(db, key: code)
    }

    static func officeExists(_ db: Database, code: String) throws -> Bool {
        try Office.exists(db, key: code)
    }

    static func offices(_ db: Database) throws -> [Office] {
        try Office.order(Office.Columns.code).fetchAll(db)
    }

    static func insert(_ db: Database, _ office: Office) throws {
        try office.insert(db)
    }

    // MARK: - Headcounts

    /// Stores a headcount, replacing the unit's count for that year.
    static func save(_ db: Database, _ headcount: UnitHeadcount) throws {
        try headcount.upsert(db)
    }

    static func headcount(_ db: Database, unitCode: String, year: Int) throws -> Int? {
        try UnitHeadcount.fetchOne(db, key: ["unitCode": unitCode, "year": year])?.employees
    }

    /// The employees of the units in a range in a year (units without a count add 0).
    static func employees(_ db: Database, in range: UnitRange, year: Int) throws -> Int {
        var sql: SQL = "SELECT COALESCE(SUM(employees), 0) FROM unitHeadcount WHERE year = \(year)"
        if let condition = range.condition(on: "unitCode") { sql = sql + " AND " + condition }
        return try Int.fetchOne(db, SQLRequest<Int>(literal: sql)) ?? 0
    }
}
