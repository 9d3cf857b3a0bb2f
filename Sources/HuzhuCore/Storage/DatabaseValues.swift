import GRDB
import GRDBSQLite

// How domain values are stored in SQLite columns: money as INTEGER fen,
// dates as TEXT "YYYY-MM-DD" (which sorts chronologically), identities as
// their normalised TEXT. Values read back are trusted: they were checked
// on the way in.

extension Money: DatabaseValueConvertible {
    /// The amount as an INTEGER count of fen.
    public var databaseValue: DatabaseValue { fen.databaseValue }

    /// Reads an INTEGER count of fen.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Money? {
        Int64.fromDatabaseValue(dbValue).map(Money.init(fen:))
    }
}

extension CivilDate: DatabaseValueConvertible, StatementColumnConvertible {
    /// The date as TEXT `YYYY-MM-DD`.
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// Reads TEXT `YYYY-MM-DD`.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CivilDate? {
        String.fromDatabaseValue(dbValue).flatMap { try? CivilDate(parsing: $0) }
    }

    /// Reads TEXT `YYYY-MM-DD` straight from a statement's column, without
    /// making a `String` first (cursors over a million policies read four
    /// dates a row).
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        guard sqlite3_column_type(sqliteStatement, index) == SQLITE_TEXT,
              let text = sqlite3_column_text(sqliteStatement, index) else { return nil }
        self.init(utf8: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqliteStatement, index))))
    }
}

extension ResidentID: DatabaseValueConvertible {
    /// The 18 characters as TEXT.
    public var databaseValue: DatabaseValue { value.databaseValue }

    /// Reads the 18 characters.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ResidentID? {
        String.fromDatabaseValue(dbValue).map(ResidentID.init(trusted:))
    }
}

extension Phone: DatabaseValueConvertible {
    /// The normalised number as TEXT.
    public var databaseValue: DatabaseValue { value.databaseValue }

    /// Reads a normalised number.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Phone? {
        String.fromDatabaseValue(dbValue).map(Phone.init(trusted:))
    }
}

extension Gender: DatabaseValueConvertible {}
