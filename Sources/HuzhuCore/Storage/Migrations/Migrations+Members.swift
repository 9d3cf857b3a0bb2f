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
