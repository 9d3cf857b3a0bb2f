import GRDB

/// One transition of a claim, as kept in the append-only `claimEvent`
/// table: from and to which status, on which business date, at which
/// instant, by whom, with which script.
public struct ClaimEvent: Hashable, Sendable, Codable {
    /// The row id, increasing.
    public var id: Int64?
    /// The claim.
    public var claimID: Int64
    /// The status before; `nil` for the report.
    public var fromStatus: ClaimStatus?
    /// The status after.
    public var toStatus: ClaimStatus
    /// The business date (``WriteContext/today``, or the report or payment date given).
    public var on: CivilDate
    /// The instant, UTC ISO-8601 with milliseconds.
    public var at: String
    /// The operator.
    public var operatorName: String
    /// The script, if one made the step.
    public var scriptName: String?
    /// The SHA-256 of the script's text.
    public var scriptSHA256: String?
    /// A note (the reopening reason, "automatic: …" for the core's own steps).
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case id, claimID, fromStatus, toStatus, on, at, operatorName = "operator", scriptName, scriptSHA256, note
    }
}

extension ClaimEvent: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "claimEvent"

    /// The columns of the `claimEvent` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let claimID = Column(CodingKeys.claimID)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
