import GRDB

/// SQLite's `PRAGMA foreign_key_check`: every reference names a row that
/// exists. A problem names the row, the column, its value and the table
/// it should be found in: `policy 7: memberID 99 has no row in member`.
struct ForeignKeyCheck: DoctorCheck {
    let name = "foreign-keys"
    let summary = "PRAGMA foreign_key_check"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        var columns: [String: [Int: String]] = [:]   // table → foreign key id → column
        for violation in violations {
            let table: String = violation[0], parent: String = violation[2], key: Int = violation[3]
            let rowID: Int64? = violation[1]
            if columns[table] == nil {
                var byKey: [Int: String] = [:]
                for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table.quotedDatabaseIdentifier))") {
                    byKey[row["id"]] = row["from"]
                }
                columns[table] = byKey
            }
            let column = columns[table]?[key] ?? "?"
            guard let rowID else {
                findings.add("\(table): \(column) has no row in \(parent)")
                continue
            }
            let value = try DatabaseValue.fetchOne(
                db, sql: "SELECT \(column.quotedDatabaseIdentifier) FROM \(table.quotedDatabaseIdentifier) WHERE rowid = ?",
                arguments: [rowID]) ?? .null
            let shown: String
            switch value.storage {
            case .string(let text): shown = "'\(text)'"
            default: shown = value.description
            }
            let hasID = try db.columns(in: table).contains { $0.name == "id" }
            findings.add("\(table) \(hasID ? "" : "rowid ")\(rowID): \(column) \(shown) has no row in \(parent)")
        }
    }
}
