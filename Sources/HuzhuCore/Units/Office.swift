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

        /// Reads `office`/`agency` (any case) or 办事处/代办处; `nil` for anything else.
        public init?(text: String) {
            switch text.lowercased() {
            case "office", "办事处": self = .office
            case "agency", "代办处", "代办点": self = .agency
            default: return nil
            }
        }

        /// Reads a kind as ``init(text:)`` does, or fails with E215 naming the text.
        public static func parse(_ text: String, field: String = "kind") throws -> Kind {
            guard let kind = Kind(text: text) else {
                throw ValidationFailure(.officeKindInvalid, field: field, value: .plain(text), ["text": text])
            }
            return kind
        }

        /// The Chinese name, 办事处 or 代办处.
        public var chinese: String { self == .office ? "办事处" : "代办处" }
    }

    /// Unique code, 1–32 letters, digits, `-` or `_`.
    public var code: String
    /// Display name, 1–100 characters.
    public var name: String
    /// Office or agency.
    public var kind: Kind
    /// The office this one stands under (a 代办处 under its 办事处), if any.
    public var parentCode: String?

    /// Creates an office value (not yet stored).
    public init(code: String, name: String, kind: Kind, parentCode: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
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
        public static let parentCode = Column(CodingKeys.parentCode)
    }
}
