import GRDB

/// SQLite's `PRAGMA foreign_key_check`: every reference names a row that
/// exists. A problem names the row, the column, its value and the table
/// it should be found in: `policy 7: memberID 99 has no row in member`.
struct ForeignKeyCheck: DoctorCheck {
    let name = "foreign-keys"
    let summary = "PRAGMA foreign_key_check"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        var columns: [String: [Int: String]] = [:]   // table → foreign key id → column
        for (table, rowID, parent, key) in try DoctorStore.foreignKeyViolations(db) {
            if columns[table] == nil {
                columns[table] = try DoctorStore.foreignKeyColumns(db, table: table)
            }
            let column = columns[table]?[key] ?? "?"
            guard let rowID else {
                findings.add("\(table): \(column) has no row in \(parent)")
                continue
            }
            let value = try DoctorStore.value(db, table: table, column: column, rowID: rowID)
            let shown: String
            switch value.storage {
            case .string(let text): shown = "'\(text)'"
            default: shown = value.description
            }
            let hasID = try DoctorStore.hasIDColumn(db, table: table)
            findings.add("\(table) \(hasID ? "" : "rowid ")\(rowID): \(column) \(shown) has no row in \(parent)")
        }
    }
}
