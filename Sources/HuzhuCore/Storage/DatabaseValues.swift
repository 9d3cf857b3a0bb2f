import GRDB

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

extension CivilDate: DatabaseValueConvertible {
    /// The date as TEXT `YYYY-MM-DD`.
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// Reads TEXT `YYYY-MM-DD`.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CivilDate? {
        String.fromDatabaseValue(dbValue).flatMap { try? CivilDate(parsing: $0) }
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
