import GRDB

/// An office that serves units: the federation's office (办事处) or an
/// agency office (代办处). Stored in the `office` table.
///
/// ```swift
/// let office = Office(code: "HQ", name: "市总保险办", kind: .office)
/// ```
public struct Office: Hashable, Sendable, Codable {
    /// The kind of office.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
        /// 办事处: the programme's own office.
        case office
        /// 代办处: an agency office acting for it.
        case agency

        /// The Chinese name, 办事处 or 代办处.
        public var chinese: String { self == .office ? "办事处" : "代办处" }
    }

    /// Unique code, 1–32 letters, digits, `-` or `_`.
    public var code: String
    /// Display name, 1–100 characters.
    public var name: String
    /// Office or agency.
    public var kind: Kind

    /// Creates an office value (not yet stored).
    public init(code: String, name: String, kind: Kind) {
        self.code = code
        self.name = name
        self.kind = kind
    }
}

extension Office: FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "office"

    /// The columns of the `office` table.
    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let name = Column(CodingKeys.name)
        public static let kind = Column(CodingKeys.kind)
    }
}
