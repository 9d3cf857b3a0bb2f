import GRDB

/// One registered version of a rule script (`subsidy`, `benefit`, `appraisal` …).
///
/// The version in force on a date is the one with the latest
/// `effectiveFrom` not after that date (of two on the same date, the one
/// registered last). Versions are never changed or removed (the database
/// refuses it), so every past decision can name the text that made it.
public struct RuleVersion: Hashable, Sendable, Codable {
    public var id: Int64?
    /// The rule's name: the script's file name without `.lua` (`subsidy`).
    public var name: String
    /// Lower-case hex SHA-256 of `text`.
    public var sha256: String
    /// The script's full text.
    public var text: String
    /// The first business day the version decides.
    public var effectiveFrom: CivilDate
    /// Who registered it.
    public var operatorName: String
    /// When it was registered (UTC, ISO 8601).
    public var registeredAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, sha256, text, effectiveFrom
        case operatorName = "operator"
        case registeredAt
    }

    /// The first 12 characters of the hash, as shown to people.
    public var shortHash: String { String(sha256.prefix(12)) }
}

extension RuleVersion: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ruleVersion"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let effectiveFrom = Column(CodingKeys.effectiveFrom)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
