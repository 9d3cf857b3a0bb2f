import GRDB
import GRDBSQLite

/// An INSERT prepared once and run many times through SQLite's C API, for
/// the bulk paths of the services (a city's members, a unit's policies).
///
/// Values stay bound between runs (SQLite's `sqlite3_reset` keeps them),
/// so a loop binds only the columns that change: a unit's policies differ
/// only in the member. No argument arrays or boxed values are made per row.
/// It borrows a GRDB `Statement`, which owns and finalizes the SQLite
/// statement; use it only inside the database access that made it.
///
/// ```swift
/// let insert = try PreparedInsert(db, sql: "INSERT INTO policy (memberID, planCode) VALUES (?, ?)")
/// insert.bind("ACC", at: 2)
/// for id in memberIDs { insert.bind(id, at: 1); try insert.run() }
/// ```
struct PreparedInsert {
    private let statement: Statement
    private let handle: SQLiteStatement
    private let db: Database

    /// SQLite copies the bytes of bound text (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Prepares `sql` on `db`.
    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        self.db = db
    }

    /// Binds an integer to the 1-based parameter `index`.
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds text, or NULL for `nil`.
    func bind(_ text: String?, at index: Int32) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    _ = sqlite3_bind_text(handle, index, base, Int32(chars.count), PreparedInsert.transient)
                } else {
                    _ = sqlite3_bind_text(handle, index, "", 0, PreparedInsert.transient)
                }
            }
        }
    }

    /// Runs the statement with the values bound, then resets it (keeping the values).
    ///
    /// - Returns: The row id of the inserted row.
    /// - Throws: `DatabaseError` when SQLite refuses the row (a constraint).
    @discardableResult
    func run() throws -> Int64 {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
        return sqlite3_last_insert_rowid(db.sqliteConnection)
    }

    /// Runs a query and tells whether it returned a row, then resets it.
    func hasRow() throws -> Bool {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}
