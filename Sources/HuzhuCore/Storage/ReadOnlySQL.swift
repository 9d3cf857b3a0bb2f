import Foundation
import GRDB
import GRDBSQLite

/// Ad-hoc read-only SQL over a workspace database, optionally scoped to a
/// unit's subtree — what scripts reach through `huzhu.sql`.
///
/// It uses a connection of its own, opened read-only, so SQLite itself
/// refuses any write ("attempt to write a readonly database"); nothing
/// inspects the query text. It reads the last committed state of the
/// database (a run's own uncommitted writes are not visible through it).
///
/// When scoped, the unit-linked tables (`unit`, `member`, `policy`,
/// `unitHeadcount`, `enrollmentBatch`) are shadowed by temporary views
/// limited to the subtree, and an SQLite authorizer refuses every read of
/// the real tables except through those views, and of any other table but
/// the federation-wide `plan`, `planTerm` and `office`. `ATTACH` is always
/// refused.
///
/// ```swift
/// let sql = try ReadOnlySQL(path: "huzhu.db", scopePath: "/FED/BH/")
/// let result = try sql.query("SELECT COUNT(*) AS n FROM member WHERE hardship = ?", [.integer(1)])
/// ```
public final class ReadOnlySQL {
    /// A value bound to or read from a query.
    public enum Value: Equatable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    /// Rows of a query, in order, with the column names.
    public struct Result: Equatable, Sendable {
        public var columns: [String]
        public var rows: [[Value]]
    }

    /// A query SQLite refused or failed; `message` is SQLite's own.
    public struct QueryError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private var connection: OpaquePointer?
    private let scoped: Bool
    static let scopedViews = ["unit", "member", "policy", "unitHeadcount", "enrollmentBatch"]
    static let federationWide: Set<String> = ["plan", "planTerm", "office"]

    /// Opens the database at `path` read-only.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - scopePath: The materialized path of the scope's unit (`/FED/BH/`), or nil for everything.
    /// - Throws: `QueryError` if the file cannot be opened.
    public init(path: String, scopePath: String? = nil) throws {
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        connection = handle
        scoped = scopePath != nil
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite3_close_v2(handle)
            connection = nil
            throw QueryError(message: message)
        }
        sqlite3_busy_timeout(handle, 5000)
        if let scopePath {
            let safe = scopePath.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "/" || $0 == "_" || $0 == "-" || CharacterSet.alphanumerics.contains($0)) }
            guard safe else { throw QueryError(message: "invalid scope path \(scopePath)") }
            let upper = String(scopePath.dropLast()) + "0"
            var statements = ["CREATE TEMP VIEW unit AS SELECT * FROM main.unit WHERE path >= '\(scopePath)' AND path < '\(upper)'"]
            for table in ReadOnlySQL.scopedViews where table != "unit" {
                statements.append("CREATE TEMP VIEW \(table) AS SELECT * FROM main.\(table) WHERE unitCode IN (SELECT code FROM temp.unit)")
            }
            for sql in statements { try execute(sql) }
        }
        sqlite3_set_authorizer(handle, { context, action, first, _, database, view in
            let this = Unmanaged<ReadOnlySQL>.fromOpaque(context!).takeUnretainedValue()
            return this.authorize(action, table: first.map { String(cString: $0) },
                                  database: database.map { String(cString: $0) },
                                  view: view.map { String(cString: $0) })
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { sqlite3_close_v2(connection) }

    private func authorize(_ action: Int32, table: String?, database: String?, view: String?) -> Int32 {
        switch action {
        case SQLITE_ATTACH, SQLITE_DETACH, SQLITE_ALTER_TABLE,
             SQLITE_CREATE_INDEX, SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TABLE,
             SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VIEW,
             SQLITE_DROP_INDEX, SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TABLE,
             SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TRIGGER, SQLITE_DROP_VIEW,
             SQLITE_CREATE_VTABLE, SQLITE_DROP_VTABLE:
            return SQLITE_DENY   // no other file, and the scope's views cannot be replaced
        case SQLITE_READ:
            guard scoped, database == "main", let table else { return SQLITE_OK }
            if ReadOnlySQL.federationWide.contains(table) { return SQLITE_OK }
            // The real table only through its own scope view (the innermost view reading it).
            if let view, view == table, ReadOnlySQL.scopedViews.contains(view) { return SQLITE_OK }
            return SQLITE_DENY
        case SQLITE_PRAGMA:
            return scoped ? SQLITE_DENY : SQLITE_OK
        default:
            return SQLITE_OK
        }
    }

    private func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(connection, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw QueryError(message: message)
        }
    }

    /// Runs one statement and returns all its rows.
    ///
    /// - Parameters:
    ///   - sql: One SQL statement, with `?` placeholders.
    ///   - arguments: The values for the placeholders.
    /// - Returns: The columns and rows.
    /// - Throws: `QueryError` with SQLite's message (a write: "attempt to write a readonly database").
    public func query(_ sql: String, _ arguments: [Value] = []) throws -> Result {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let prepared = sql.withCString { sqlite3_prepare_v2(connection, $0, -1, &statement, &tail) }
        defer { sqlite3_finalize(statement) }
        guard prepared == SQLITE_OK else { throw QueryError(message: String(cString: sqlite3_errmsg(connection))) }
        guard let statement else { return Result(columns: [], rows: []) }  // empty text
        if let tail, tail.pointee != 0, !String(cString: tail).allSatisfy({ $0.isWhitespace || $0 == ";" }) {
            throw QueryError(message: "only one statement at a time")
        }
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == arguments.count else {
            throw QueryError(message: "the query has \(expected) placeholder(s) but \(arguments.count) value(s) were given")
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, argument) in arguments.enumerated() {
            let index = Int32(i + 1)
            switch argument {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let v): sqlite3_bind_int64(statement, index, v)
            case .real(let v): sqlite3_bind_double(statement, index, v)
            case .text(let v): sqlite3_bind_text(statement, index, v, -1, transient)
            case .blob(let v): sqlite3_bind_blob(statement, index, v, Int32(v.count), transient)
            }
        }
        let columnCount = sqlite3_column_count(statement)
        let columns = (0..<columnCount).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [[Value]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw QueryError(message: String(cString: sqlite3_errmsg(connection))) }
            rows.append((0..<columnCount).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
                case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, column)))
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, column))
                    guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return .blob([]) }
                    return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
                default: return .null
                }
            })
        }
        return Result(columns: columns, rows: rows)
    }
}
