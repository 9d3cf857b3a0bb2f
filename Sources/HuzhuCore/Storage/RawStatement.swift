import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through SQLite's C API, for the
/// bulk paths that insert a million rows (``BatchInsert``, the members
/// import, ``MemberService/registerInBulk(_:_:context:maximumFailures:)``,
/// ``EnrollmentService/enrollUnitInBulk(_:_:context:)``): no argument arrays, no boxed
/// values, one copy of each text into SQLite.
///
/// It borrows a GRDB `Statement` (which owns and finalizes it) and is used
/// only inside the database access that made it.
struct RawStatement {
    private let statement: Statement
    fileprivate let handle: SQLiteStatement
    private let connection: SQLiteConnection?

    /// SQLite copies the bytes (`SQLITE_TRANSIENT`).
    fileprivate static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Prepares `sql` on `db`; `cached` reuses the connection's prepared
    /// statement for the same text (for a bulk path called many times).
    init(_ db: Database, sql: String, cached: Bool = false) throws {
        statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// The row id of the last row inserted on the connection.
    var lastInsertedRowID: Int64 {
        connection.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Binds text to the 1-based parameter `index`.
    func bind(_ text: String, at index: Int32) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    _ = sqlite3_bind_text(handle, index, base, Int32(chars.count), RawStatement.transient)
                } else {
                    _ = sqlite3_bind_text(handle, index, "", 0, RawStatement.transient)
                }
            }
        }
    }

    /// Binds text, or NULL for `nil`.
    func bindOptional(_ text: String?, at index: Int32) {
        if let text { bind(text, at: index) } else { bindNull(at: index) }
    }

    /// Binds an integer.
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds NULL.
    func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Runs a statement that returns no row (an INSERT), then resets it.
    ///
    /// - Throws: `DatabaseError` when SQLite refuses it (a constraint).
    func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a query and tells whether it returned a row, then resets it.
    func hasRow() throws -> Bool {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code)
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = connection.map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}

extension RawStatement {
    /// Binds UTF-8 bytes as text without copying them: the bytes must stay
    /// where they are until the statement has run (``execute()``).
    func bindStatic(_ start: UnsafePointer<UInt8>, count: Int, at index: Int32) {
        start.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) { chars in
            _ = sqlite3_bind_text(handle, index, chars, Int32(count), nil)   // nil: SQLITE_STATIC
        }
    }
}
