import GRDB

/// One closing of the books (`ledgerClosing` table): every month through
/// ``throughMonth`` is closed from then on. Closings only move forward;
/// the latest one is the period closed. Append-only.
public struct LedgerClosing: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The last month closed, `YYYY-MM`.
    public var throughMonth: String
    /// Its last day: entries dated on or before it are refused.
    public var throughDate: CivilDate
    /// The business date the books were closed on.
    public var closedOn: CivilDate
    /// The instant, UTC ISO-8601 with milliseconds.
    public var at: String
    /// The operator.
    public var operatorName: String
    /// The script, if one closed the books, and its hash.
    public var scriptName: String?
    public var scriptSHA256: String?

    enum CodingKeys: String, CodingKey {
        case id, throughMonth, throughDate, closedOn, at
        case operatorName = "operator", scriptName, scriptSHA256
    }
}

extension LedgerClosing: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "ledgerClosing"

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
