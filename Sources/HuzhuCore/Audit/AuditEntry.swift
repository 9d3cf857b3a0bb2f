import GRDB

/// One write, as recorded in the `audit` table: who, when, what, and for
/// a script write which script and the SHA-256 of its text.
///
/// The summary is a short JSON object of the fields written, free of
/// personal data (members are keyed by their row id, never by resident ID).
public struct AuditEntry: Hashable, Sendable, Codable {
    /// The row id, increasing with every write.
    public var id: Int64?
    /// The operator.
    public var operatorName: String
    /// When, in UTC, ISO-8601 with milliseconds: `2012-06-20T01:02:03.456Z`.
    public var at: String
    /// What happened to the row: `insert`, `update` or `delete`.
    public var action: String
    /// The service operation, e.g. `createUnit`, `enroll`, `moveUnit`.
    public var operation: String
    /// The table written, e.g. `member`.
    public var tableName: String
    /// The written row's key (a code, or a row id as text).
    public var rowKey: String
    /// A short JSON object of what changed, keys sorted.
    public var summary: String
    /// The script's name, for script writes.
    public var scriptName: String?
    /// The SHA-256 of the script's text, for script writes.
    public var scriptSHA256: String?

    enum CodingKeys: String, CodingKey {
        case id, operatorName = "operator", at, action, operation, tableName, rowKey, summary, scriptName, scriptSHA256
    }
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "audit"

    /// The columns of the `audit` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let operatorName = Column(CodingKeys.operatorName)
        public static let at = Column(CodingKeys.at)
        public static let action = Column(CodingKeys.action)
        public static let operation = Column(CodingKeys.operation)
        public static let tableName = Column(CodingKeys.tableName)
        public static let rowKey = Column(CodingKeys.rowKey)
        public static let summary = Column(CodingKeys.summary)
        public static let scriptName = Column(CodingKeys.scriptName)
        public static let scriptSHA256 = Column(CodingKeys.scriptSHA256)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
