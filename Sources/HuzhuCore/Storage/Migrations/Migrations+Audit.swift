import GRDB

extension Migrations {
    static func createAudit(_ db: Database) throws {
        try db.create(table: "audit") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("operator", .text).notNull()
            t.column("at", .text).notNull()
            t.column("action", .text).notNull()
            t.column("operation", .text).notNull()
            t.column("tableName", .text).notNull()
            t.column("rowKey", .text).notNull()
            t.column("summary", .jsonText).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
        }
        try db.create(index: "audit_on_tableName_rowKey", on: "audit", columns: ["tableName", "rowKey"])
    }
}
