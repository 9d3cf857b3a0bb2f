import Foundation
import GRDBSQLite

/// A private copy of one unit subtree's rows, for `huzhu.sql` in a scoped run.
///
/// The copy lives in a temporary database of its own (owner-only, deleted
/// when closed). Its tables are made empty first; a table is filled when a
/// query first reads it (with the tables its rows depend on), so a query of
/// members does not pay for the ledger. The workspace database is attached
/// only while tables are filled, in one read transaction each time, and
/// detached before any query of the caller runs, so a scoped connection cannot name
/// a real table at all, whatever the query's shape: CTEs, recursive CTEs,
/// subqueries, `main.`/`temp.` prefixes, case, table-valued functions. A
/// table that is not scoped is simply not there.
///
/// Which rows belong to the subtree:
///
/// | tables | rows copied |
/// |---|---|
/// | `unit` | the subtree's units |
/// | `member`, `unitHeadcount`, `enrollmentBatch`, `policy`, `claim`, `target`, `subsidyBudget`, `appraisalResult`, `reward`, `ledgerEntry` | those of the subtree's units |
/// | `claimDocument`, `claimReview`, `claimEvent`, `claimPayment`, `claimAdjustment` | those of the copied claims |
/// | `ledgerLine` | the lines of the copied entries |
/// | `plan`, `planTerm`, `office`, `appraisalRun`, `ledgerClosing` | all (federation-wide reference data, no personal data) |
///
/// Everything else (`audit`, `decision`, `ruleVersion`, `jobRun` …) is absent.
enum ScopedCopy {
    /// A table of the copy and the condition its rows meet (nil: all rows).
    struct Table {
        var name: String
        var condition: String?
        /// The copied table the condition reads, filled first.
        var dependsOn: String?
    }

    private static let ofUnits = "unitCode IN (SELECT code FROM main.unit)"
    private static let ofClaims = "claimID IN (SELECT id FROM main.claim)"

    /// The copied tables, in the order they are filled (a condition reads only tables filled before it).
    static let tables: [Table] = [
        Table(name: "unit", condition: "path >= :low AND path < :high"),
        Table(name: "office", condition: nil),
        Table(name: "plan", condition: nil),
        Table(name: "planTerm", condition: nil),
        Table(name: "appraisalRun", condition: nil),
        Table(name: "ledgerClosing", condition: nil),
        Table(name: "member", condition: ofUnits, dependsOn: "unit"),
        Table(name: "unitHeadcount", condition: ofUnits, dependsOn: "unit"),
        Table(name: "enrollmentBatch", condition: ofUnits, dependsOn: "unit"),
        Table(name: "policy", condition: ofUnits, dependsOn: "unit"),
        Table(name: "claim", condition: ofUnits, dependsOn: "unit"),
        Table(name: "target", condition: ofUnits, dependsOn: "unit"),
        Table(name: "subsidyBudget", condition: ofUnits, dependsOn: "unit"),
        Table(name: "appraisalResult", condition: ofUnits, dependsOn: "unit"),
        Table(name: "reward", condition: ofUnits, dependsOn: "unit"),
        Table(name: "ledgerEntry", condition: ofUnits, dependsOn: "unit"),
        Table(name: "claimDocument", condition: ofClaims, dependsOn: "claim"),
        Table(name: "claimReview", condition: ofClaims, dependsOn: "claim"),
        Table(name: "claimEvent", condition: ofClaims, dependsOn: "claim"),
        Table(name: "claimAdjustment", condition: ofClaims, dependsOn: "claim"),
        Table(name: "claimPayment", condition: ofClaims, dependsOn: "claim"),
        Table(name: "ledgerLine", condition: "entryID IN (SELECT id FROM main.ledgerEntry)", dependsOn: "ledgerEntry"),
    ]

    /// What the copy knows of the database it came from.
    struct Layout {
        /// The copied tables present in the source, in fill order.
        var copied: [String]
        /// The source's other tables (lowercased), which the copy leaves out.
        var leftOut: Set<String>
    }

    /// Creates, in the empty database open on `connection`, the copied tables
    /// (empty) and their indexes, as the database at `path` declares them.
    ///
    /// - Throws: ``ReadOnlySQL/QueryError`` with SQLite's message.
    static func createTables(_ connection: OpaquePointer, from path: String) throws -> Layout {
        try attached(connection, path) {
            let schema = try rows(connection, """
                SELECT type, name, tbl_name, sql FROM src.sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC, name
                """)
            let tableSQL = Dictionary(schema.filter { $0[0] == "table" }.map { ($0[1], $0[3]) }, uniquingKeysWith: { a, _ in a })
            var copied: [String] = []
            for table in tables {
                guard let create = tableSQL[table.name] else { continue }
                try execute(connection, create)
                copied.append(table.name)
            }
            for row in schema where row[0] == "index" && copied.contains(row[2]) {
                try execute(connection, row[3])
            }
            return Layout(copied: copied, leftOut: Set(tableSQL.keys.filter { !copied.contains($0) }.map { $0.lowercased() }))
        }
    }

    /// Fills the copied tables a query reads, and those their rows depend on
    /// (`member` needs `unit`, `ledgerLine` needs `ledgerEntry` …), that are
    /// not filled yet, in one read transaction of the database at `path`.
    ///
    /// - Parameters:
    ///   - wanted: Tables the query reads (any case).
    ///   - filled: The tables filled so far; updated.
    /// - Throws: ``ReadOnlySQL/QueryError`` with SQLite's message.
    static func fill(_ connection: OpaquePointer, from path: String, scopePath: String, layout: Layout,
                     wanted: Set<String>, filled: inout Set<String>) throws {
        var needed = Set(layout.copied.filter { wanted.contains($0.lowercased()) && !filled.contains($0) })
        var added = needed
        while !added.isEmpty {   // the tables their conditions read, and theirs
            let dependencies = tables.filter { added.contains($0.name) }.compactMap(\.dependsOn)
            added = Set(dependencies.filter { !filled.contains($0) && !needed.contains($0) && layout.copied.contains($0) })
            needed.formUnion(added)
        }
        guard !needed.isEmpty else { return }
        let upper = String(scopePath.dropLast()) + "0"   // '0' sorts right after '/'
        try attached(connection, path) {
            try execute(connection, "BEGIN")
            do {
                for table in tables where needed.contains(table.name) {
                    var insert = "INSERT INTO main.\(quote(identifier: table.name)) SELECT * FROM src.\(quote(identifier: table.name))"
                    if let condition = table.condition { insert += " WHERE " + condition }
                    try execute(connection, insert, bindings: [":low": scopePath, ":high": upper])
                }
                try execute(connection, "COMMIT")
            } catch {
                try? execute(connection, "ROLLBACK")
                throw error
            }
        }
        filled.formUnion(needed)
    }

    /// Runs `body` with the database at `path` attached read-only as `src`, detached after.
    private static func attached<T>(_ connection: OpaquePointer, _ path: String, _ body: () throws -> T) throws -> T {
        try execute(connection, "ATTACH DATABASE \(quote(uri(path))) AS src")
        defer { try? execute(connection, "DETACH DATABASE src") }
        return try body()
    }

    /// A read-only URI for a file path (`?` and `#` in it escaped).
    private static func uri(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var encoded = ""
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"): encoded += String(format: "%%%02X", byte)
            default: encoded.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:" + encoded + "?mode=ro"
    }

    private static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
    private static func quote(identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Runs one statement, binding named parameters that it uses.
    private static func execute(_ connection: OpaquePointer, _ sql: String, bindings: [String: String] = [:]) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
            throw ReadOnlySQL.QueryError(message: String(cString: sqlite3_errmsg(connection)))
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (name, value) in bindings {
            let index = sqlite3_bind_parameter_index(statement, name)
            if index > 0 { sqlite3_bind_text(statement, index, value, -1, transient) }
        }
        let status = sqlite3_step(statement)
        guard status == SQLITE_DONE || status == SQLITE_ROW else {
            throw ReadOnlySQL.QueryError(message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// Every row of a query of text columns.
    private static func rows(_ connection: OpaquePointer, _ sql: String) throws -> [[String]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
            throw ReadOnlySQL.QueryError(message: String(cString: sqlite3_errmsg(connection)))
        }
        defer { sqlite3_finalize(statement) }
        var result: [[String]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return result }
            guard status == SQLITE_ROW else { throw ReadOnlySQL.QueryError(message: String(cString: sqlite3_errmsg(connection))) }
            result.append((0..<sqlite3_column_count(statement)).map { column in
                sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
            })
        }
    }
}
