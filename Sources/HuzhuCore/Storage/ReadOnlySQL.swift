import Foundation
import GRDB
import GRDBSQLite

/// Ad-hoc read-only SQL over a workspace database, optionally scoped to a
/// unit's subtree — what scripts reach through `huzhu.sql`.
///
/// Unscoped, it uses a connection of its own, opened read-only, so SQLite
/// itself refuses any write ("attempt to write a readonly database");
/// nothing inspects the query text. It reads the last committed state of
/// the database (a run's own uncommitted writes are not visible through it).
///
/// Scoped, the connection holds no real table at all: its database is a
/// private copy of the subtree's rows (see ``ScopedCopy`` for which tables
/// and rows), each table filled when a query first reads it, and the copy
/// made again when another connection has committed since (`PRAGMA
/// data_version`), so whatever a query names —
/// a CTE called `member`, `main.member`, a recursive CTE — it can only read
/// the subtree. Tables that are not scoped are absent, and naming one is
/// refused with a message that says so. The copy is `query_only`, and
/// `PRAGMA`, `ATTACH` and schema changes are refused.
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
        /// Why it failed: the query itself, or one of the run's limits (``QueryLimits``).
        public var kind: Kind = .failed
        public enum Kind: Sendable { case failed, interrupted, tooLarge }
        public var description: String { message }
    }

    /// The connection queries run on: the database itself, or the scoped copy.
    private var connection: OpaquePointer?
    private let path: String
    private let scopePath: String?
    /// Scoped: a private read-only connection to the real database, used only to notice commits.
    private var watcher: OpaquePointer?
    private var copiedVersion: Int64 = -1
    private var layout = ScopedCopy.Layout(copied: [], leftOut: [])
    /// The copy's tables filled so far (a table is filled when a query first reads it).
    private var filled: Set<String> = []
    /// While a query is prepared to learn what it reads: the tables read (lowercased).
    private var collected: Set<String>?
    /// The limits of the query running now.
    private var limits = QueryLimits()

    /// Opens the database at `path` read-only.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - scopePath: The materialized path of the scope's unit (`/FED/BH/`), or nil for everything.
    /// - Throws: `QueryError` if the file cannot be opened.
    public init(path: String, scopePath: String? = nil) throws {
        self.path = path
        self.scopePath = scopePath
        if let scopePath {
            let safe = scopePath.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "/" || $0 == "_" || $0 == "-" || CharacterSet.alphanumerics.contains($0)) }
            guard safe, scopePath.hasPrefix("/"), scopePath.hasSuffix("/") else {
                throw QueryError(message: "invalid scope path \(scopePath)")
            }
            watcher = try Self.open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
            try refreshCopy()
        } else {
            connection = try Self.open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
            installAuthorizer()
        }
    }

    deinit {
        sqlite3_close_v2(connection)
        sqlite3_close_v2(watcher)
    }

    private static func open(_ path: String, _ flags: Int32) throws -> OpaquePointer {
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            sqlite3_close_v2(handle)
            throw QueryError(message: message)
        }
        sqlite3_busy_timeout(handle, 5000)
        return handle
    }

    /// The commit counter of the real database as this process last saw it.
    private func dataVersion() throws -> Int64 {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(watcher, "PRAGMA data_version", -1, &statement, nil) == SQLITE_OK,
              sqlite3_step(statement) == SQLITE_ROW
        else { throw QueryError(message: String(cString: sqlite3_errmsg(watcher))) }
        return sqlite3_column_int64(statement, 0)
    }

    /// Scoped: makes the copy anew when the real database has changed since it was made.
    private func refreshCopy() throws {
        guard scopePath != nil else { return }
        let version = try dataVersion()
        guard connection == nil || version != copiedVersion else { return }
        sqlite3_close_v2(connection)
        connection = nil
        // An empty name: a private temporary database, owner-only and deleted on close.
        let copy = try Self.open("", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX)
        do {
            layout = try ScopedCopy.createTables(copy, from: path)
            sqlite3_exec(copy, "PRAGMA query_only = ON", nil, nil, nil)
        } catch {
            sqlite3_close_v2(copy)
            throw error
        }
        connection = copy
        filled = []
        copiedVersion = version
        installAuthorizer()
    }

    /// Scoped: fills the copy's tables that `sql` reads (learnt by preparing it
    /// once with the authorizer noting every table read). A query SQLite cannot
    /// prepare fills nothing; its real preparation reports the error.
    private func fillTables(readBy sql: String) throws {
        guard let scopePath, let connection, filled.count < layout.copied.count else { return }   // all filled: nothing to learn
        collected = []
        var statement: OpaquePointer?
        _ = sql.withCString { sqlite3_prepare_v2(connection, $0, -1, &statement, nil) }
        sqlite3_finalize(statement)
        let wanted = collected ?? []
        collected = nil
        guard !layout.copied.filter({ wanted.contains($0.lowercased()) && !filled.contains($0) }).isEmpty else { return }
        sqlite3_set_authorizer(connection, nil, nil)   // the copy's own writes
        defer {
            sqlite3_exec(connection, "PRAGMA query_only = ON", nil, nil, nil)
            installAuthorizer()
        }
        sqlite3_exec(connection, "PRAGMA query_only = OFF", nil, nil, nil)
        try ScopedCopy.fill(connection, from: path, scopePath: scopePath, layout: layout, wanted: wanted, filled: &filled)
    }

    private func installAuthorizer() {
        sqlite3_set_authorizer(connection, { context, action, first, second, _, _ in
            let this = Unmanaged<ReadOnlySQL>.fromOpaque(context!).takeUnretainedValue()
            return this.authorize(action, table: first.map { String(cString: $0) }, function: second.map { String(cString: $0) })
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// The only functions a query may call (docs/security.md): SQLite's
    /// everyday scalar, aggregate, date, JSON, math and window functions.
    /// Everything else is refused by name — `fts3_tokenizer` (registers a
    /// tokenizer at a pointer the caller passes), `load_extension`,
    /// `zeroblob`/`randomblob` (a gigabyte in one call), `sqlite_*` …
    static let allowedFunctions: Set<String> = [
        "abs", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "ifnull", "iif", "instr", "length",
        "octet_length", "like", "likelihood", "likely", "lower", "ltrim", "max", "min", "nullif", "printf", "quote",
        "random", "replace", "round", "rtrim", "sign", "substr", "substring", "trim", "typeof", "unicode", "unlikely",
        "upper", "unhex",
        "avg", "count", "group_concat", "string_agg", "sum", "total",
        "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
        "json", "json_array", "json_array_length", "json_error_position", "json_extract", "->", "->>", "json_insert",
        "json_object", "json_patch", "json_pretty", "json_remove", "json_replace", "json_set", "json_type", "json_valid",
        "json_quote", "json_group_array", "json_group_object", "json_each", "json_tree",
        "acos", "asin", "atan", "atan2", "ceil", "ceiling", "cos", "degrees", "exp", "floor", "ln", "log", "log10",
        "log2", "mod", "pi", "pow", "power", "radians", "sin", "sqrt", "tan", "trunc",
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
        "last_value", "nth_value",
    ]

    /// The tables holding full bank account numbers (column `accountNumber`), which queries read as NULL.
    static let accountTables: Set<String> = ["memberbankaccount", "claimpayee"]

    /// The function the authorizer refused last, to name it in the error.
    private var refusedFunction: String?

    /// Pragmas a scoped query may use: they describe the copy's tables and change nothing.
    static let describingPragmas: Set<String> = ["table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                                                 "foreign_key_list", "table_list"]

    private func authorize(_ action: Int32, table: String?, function: String?) -> Int32 {
        switch action {
        case SQLITE_ATTACH, SQLITE_DETACH, SQLITE_ALTER_TABLE,
             SQLITE_CREATE_INDEX, SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TABLE,
             SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VIEW,
             SQLITE_DROP_INDEX, SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TABLE,
             SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TRIGGER, SQLITE_DROP_VIEW,
             SQLITE_CREATE_VTABLE, SQLITE_DROP_VTABLE:
            return SQLITE_DENY   // no other file, and the copy cannot be changed
        case SQLITE_READ:
            if let table { collected?.insert(table.lowercased()) }
            // Account numbers in full are for the bank's file only: read as NULL (`accountMasked` holds the masked form).
            if let table, let column = function, column.lowercased() == "accountnumber",
               Self.accountTables.contains(table.lowercased()) {
                return SQLITE_IGNORE
            }
            return SQLITE_OK
        case SQLITE_FUNCTION:
            guard let function else { return SQLITE_OK }
            if Self.allowedFunctions.contains(function.lowercased()) || function.lowercased().hasPrefix("pragma_") {
                return SQLITE_OK
            }
            refusedFunction = function
            return SQLITE_DENY
        case SQLITE_PRAGMA:
            // Scoped: only the pragmas that describe the copy's tables (also as pragma_… functions).
            guard scopePath != nil else { return SQLITE_OK }
            return Self.describingPragmas.contains(table?.lowercased() ?? "") ? SQLITE_OK : SQLITE_DENY
        default:
            return SQLITE_OK
        }
    }

    /// Scoped: SQLite's "no such table: X" for a real table the copy leaves out says why.
    private func explain(_ message: String) -> String {
        guard let scopePath, message.hasPrefix("no such table: ") else { return message }
        var name = String(message.dropFirst("no such table: ".count))
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }
        guard layout.leftOut.contains(name.lowercased()) else { return message }
        let scope = scopePath.split(separator: "/").last.map(String.init) ?? scopePath
        let available = ScopedCopy.tables.map(\.name).sorted().joined(separator: ", ")
        return "table \(name) is not available in a run scoped to \(scope) (scoped runs read \(available))"
    }

    /// Runs one statement and returns all its rows.
    ///
    /// - Parameters:
    ///   - sql: One SQL statement, with `?` placeholders.
    ///   - arguments: The values for the placeholders.
    ///   - limits: The result's size and a check of the run's other limits; none by default.
    /// - Returns: The columns and rows.
    /// - Throws: `QueryError` with SQLite's message (a write: "attempt to write a readonly database"),
    ///   or of kind `.interrupted` or `.tooLarge` when `limits` stopped it.
    public func query(_ sql: String, _ arguments: [Value] = [], limits: QueryLimits = QueryLimits()) throws -> Result {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        try refreshCopy()
        try fillTables(readBy: sql)
        refusedFunction = nil
        let savedLength = sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, -1)
        self.limits = limits
        if let maxBytes = limits.maxBytes {
            sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, QueryLimits.lengthLimit(maxBytes))
        }
        if limits.progress != nil {
            sqlite3_progress_handler(connection, QueryLimits.period, { context in
                let this = Unmanaged<ReadOnlySQL>.fromOpaque(context!).takeUnretainedValue()
                return this.limits.progress?(Int64(QueryLimits.period)) == false ? 1 : 0
            }, Unmanaged.passUnretained(self).toOpaque())
        }
        defer {
            sqlite3_progress_handler(connection, 0, nil, nil)
            sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, savedLength)
            self.limits = QueryLimits()
        }
        let prepared = sql.withCString { sqlite3_prepare_v2(connection, $0, -1, &statement, &tail) }
        defer { sqlite3_finalize(statement) }
        guard prepared == SQLITE_OK else {
            if let refusedFunction {
                throw QueryError(message: "function \(refusedFunction) is not allowed in huzhu.sql "
                                 + "(the functions allowed are listed in docs/security.md)")
            }
            throw QueryError(message: explain(String(cString: sqlite3_errmsg(connection))))
        }
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
        var bytes = 0
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                let message = String(cString: sqlite3_errmsg(connection))
                if step == SQLITE_INTERRUPT { throw QueryError(message: message, kind: .interrupted) }
                if step == SQLITE_TOOBIG, limits.maxBytes != nil { throw QueryError(message: message, kind: .tooLarge) }
                throw QueryError(message: message)
            }
            let row: [Value] = (0..<columnCount).map { column in
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
            }
            if let maxBytes = limits.maxBytes {
                bytes += QueryLimits.cost(of: row)
                if bytes > maxBytes {
                    throw QueryError(message: "the result is larger than the \(maxBytes) bytes of memory left", kind: .tooLarge)
                }
            }
            rows.append(row)
        }
        return Result(columns: columns, rows: rows)
    }
}
