import GRDB

extension Migrations {
    static func createMembers(_ db: Database) throws {
        try db.create(table: "member") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("residentID", .text).notNull().unique()
            t.column("name", .text).notNull()
            t.column("gender", .text).notNull()
            t.column("birthDate", .text).notNull()
            t.column("unitCode", .text).notNull().references("unit")
            t.column("phone", .text)
            t.column("hardship", .boolean).notNull().defaults(to: false)
            t.column("status", .text).notNull()
            t.column("joinedOn", .text).notNull()
            t.column("retiredOn", .text)
            t.column("leftOn", .text)
        }
        // members.each{unit =, status =, hardship =}: unit subtree first, then the flags.
        try db.create(index: "member_on_unitCode_status_hardship", on: "member",
                      columns: ["unitCode", "status", "hardship"])
    }
}

extension Migrations {
    /// Issue 15: a member's life events (update, transfer, leaving,
    /// retirement, death), each with its effective date, kept as history.
    /// Registration is not stored here: it is the member row itself
    /// (``Member/joinedOn``), so bulk-registered members have a history too.
    static func createMemberEvents(_ db: Database) throws {
        try db.create(table: "memberEvent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("memberID", .integer).notNull().references("member").indexed()
            t.column("kind", .text).notNull()
            t.column("effectiveOn", .text).notNull()
            t.column("fromUnitCode", .text)
            t.column("toUnitCode", .text)
            // The fields an update changed, as a JSON array of names (no personal data).
            t.column("changed", .text).notNull().defaults(to: "[]")
            t.column("recordedOn", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
        }
    }
}
