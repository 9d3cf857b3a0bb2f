/// What a table column or a key figure holds, which decides how it is
/// written and aligned.
///
/// | type          | cell value            | written as (zh and en alike)       |
/// |---------------|-----------------------|------------------------------------|
/// | `text`        | text                  | as is                              |
/// | `integer`     | integer               | `12,345` (grouped)                 |
/// | `money`       | integer fen           | `1,234.56`; key figures `¥1,234.56` |
/// | `percent`     | integer basis points  | `12.34%` (1234 bp = 12.34%)        |
/// | `date`        | date                  | `2012-06-30`                       |
/// | `resident_id` | text                  | `340104********1234` unless unmasked |
/// | `phone`       | text                  | `138****5678` unless unmasked      |
///
/// Percentages are integer **basis points** (1/100 of a percent), as the
/// payment ratio of a plan is: exact, no floating point, two decimals shown.
///
/// ```swift
/// ValueType(rawValue: "resident_id")   // .residentID
/// ValueType.money.isNumeric            // true
/// ```
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    case text
    case integer
    case money
    case percent
    case date
    case residentID = "resident_id"
    case phone

    /// Whether values are numbers (integer, money, percent): right-aligned,
    /// totalled, and usable as a chart's values.
    public var isNumeric: Bool {
        switch self {
        case .integer, .money, .percent: return true
        case .text, .date, .residentID, .phone: return false
        }
    }

    /// Whether values are personal data, masked unless the renderer is told otherwise.
    public var isPersonal: Bool { self == .residentID || self == .phone }

    /// Whether a cell value fits this type: an integer for numeric types, a
    /// date for `date`, text for the others; an empty cell fits every type.
    public func accepts(_ value: ReportValue) -> Bool {
        switch (self, value) {
        case (_, .empty): return true
        case (.integer, .integer), (.money, .integer), (.percent, .integer): return true
        case (.date, .date): return true
        case (.text, .text), (.residentID, .text), (.phone, .text): return true
        default: return false
        }
    }

    /// The names scripts use, in order: `text, integer, money, percent, date, resident_id, phone`.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
