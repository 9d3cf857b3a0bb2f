import GRDB

/// The SQL of removing the personal data of members who left
/// (``MemberService/anonymise(_:leftBefore:dryRun:context:)``).
extension MemberStore {
    /// Members of a range of units who left or died before a day, in id order.
    static func leftBefore(_ db: Database, _ range: UnitRange, date: CivilDate) throws -> [Member] {
        try request(range, status: nil, hardship: nil)
            .filter([MemberStatus.left.rawValue, MemberStatus.deceased.rawValue].contains(Member.Columns.status))
            .filter(Member.Columns.leftOn < date.description)
            .order(Member.Columns.id)
            .fetchAll(db)
    }

    /// Whether a member has a claim still open (neither paid nor rejected).
    static func hasOpenClaim(_ db: Database, memberID: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM claim WHERE memberID = ? AND status NOT IN ('paid', 'rejected'))
            """), arguments: [memberID]) ?? false
    }

    /// Replaces a member's name and resident ID and removes the phone.
    static func anonymise(_ db: Database, memberID: Int64, name: String, residentID: String) throws {
        try db.execute(sql: "UPDATE member SET name = ?, residentID = ?, phone = NULL WHERE id = ?",
                       arguments: [name, residentID, memberID])
    }
}
