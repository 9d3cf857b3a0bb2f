import GRDB

/// The SQL of members (``MemberService`` holds the rules; ``MemberBulkWriter``
/// is the bulk insert that registering in bulk and the members import share).
enum MemberStore {
    /// The member with a resident ID as stored (18 characters, upper-case check character).
    static func member(_ db: Database, residentID: String) throws -> Member? {
        try Member.fetchOne(db.cachedStatement(sql: "SELECT * FROM member WHERE residentID = ?"), arguments: [residentID])
    }

    static func member(_ db: Database, id: Int64) throws -> Member? {
        try Member.fetchOne(db, key: id)
    }

    static func isRegistered(_ db: Database, residentID: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM member WHERE residentID = ?)"),
                          arguments: [residentID]) ?? false
    }

    /// Whether any member is stored at all.
    static func any(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM member)") ?? true
    }

    /// A statement telling whether a resident ID is registered, for checking many in a row.
    static func registeredCheck(_ db: Database) throws -> RawStatement {
        try RawStatement(db, sql: "SELECT 1 FROM member WHERE residentID = ?")
    }

    static func insert(_ db: Database, _ member: inout Member) throws {
        try member.insert(db)
    }

    static func update(_ db: Database, _ member: Member) throws {
        try member.update(db)
    }

    /// The members of a range of units with a status and hardship, if given.
    static func request(_ range: UnitRange, status: MemberStatus?, hardship: Bool?) -> QueryInterfaceRequest<Member> {
        var request = Member.all()
        if let condition = range.condition(on: "unitCode") { request = request.filter(condition) }
        if let status { request = request.filter(Member.Columns.status == status.rawValue) }
        if let hardship { request = request.filter(Member.Columns.hardship == hardship) }
        return request
    }

    static func members(_ db: Database, _ range: UnitRange, status: MemberStatus?, hardship: Bool?,
                        orderedByID: Bool = false) throws -> RecordCursor<Member> {
        let request = request(range, status: status, hardship: hardship)
        return try (orderedByID ? request.order(Member.Columns.id) : request).fetchCursor(db)
    }

    static func count(_ db: Database, _ range: UnitRange, status: MemberStatus?, hardship: Bool?) throws -> Int {
        try request(range, status: status, hardship: hardship).fetchCount(db)
    }

    /// Up to `limit` members with an id above `after`, in id order.
    static func page(_ db: Database, _ range: UnitRange, status: MemberStatus?, hardship: Bool?,
                     after: Int64?, limit: Int) throws -> [Member] {
        var request = request(range, status: status, hardship: hardship)
        if let after { request = request.filter(Member.Columns.id > after) }
        return try request.order(Member.Columns.id).limit(limit).fetchAll(db)
    }

    // MARK: - Events

    static func insert(_ db: Database, _ event: inout MemberEvent) throws {
        try event.insert(db)
    }

    /// A member's stored events, oldest effective date first (then as recorded).
    static func events(_ db: Database, memberID: Int64) throws -> [MemberEvent] {
        try MemberEvent.fetchAll(db, sql: "SELECT * FROM memberEvent WHERE memberID = ? ORDER BY effectiveOn, id",
                                 arguments: [memberID])
    }

    /// A member's latest event by effective date, if any.
    static func lastEvent(_ db: Database, memberID: Int64) throws -> MemberEvent? {
        try MemberEvent.fetchOne(db, sql: "SELECT * FROM memberEvent WHERE memberID = ? ORDER BY effectiveOn DESC, id DESC LIMIT 1",
                                 arguments: [memberID])
    }
}
