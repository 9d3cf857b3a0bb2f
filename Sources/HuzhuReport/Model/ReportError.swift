/// A report that cannot be built as asked: a cell of the wrong type, a chart
/// on a column that is not numeric …
///
/// Each case has a stable code (`R101` …) and its text names the offending
/// column or row; cell values stay out of the text (they may be personal data).
public enum ReportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// R101: two columns of one table share a key.
    case duplicateColumn(key: String)
    /// R102: a row has a different number of cells than the table has columns.
    case rowWidth(row: Int, cells: Int, columns: Int)
    /// R103: a cell does not fit its column's type.
    case cellType(row: Int, column: String, type: ValueType)
    /// R104: a key figure's value does not fit its type.
    case figureType(label: String, type: ValueType)
    /// R201: a chart names a table the report does not have.
    case chartTable(index: Int)
    /// R202: a chart names a column its table does not have.
    case chartColumn(key: String)
    /// R203: a chart's value column is not numeric.
    case chartNotNumeric(key: String, type: ValueType)
    /// R204: a chart has no value column, or a pie more than one.
    case chartSeries(kind: ChartKind, count: Int)

    /// The stable code, e.g. `R103`.
    public var code: String {
        switch self {
        case .duplicateColumn: return "R101"
        case .rowWidth: return "R102"
        case .cellType: return "R103"
        case .figureType: return "R104"
        case .chartTable: return "R201"
        case .chartColumn: return "R202"
        case .chartNotNumeric: return "R203"
        case .chartSeries: return "R204"
        }
    }

    public var description: String {
        switch self {
        case .duplicateColumn(let key):
            return "column '\(key)' appears twice"
        case .rowWidth(let row, let cells, let columns):
            return "row \(row) has \(cells) cells for \(columns) columns"
        case .cellType(let row, let column, let type):
            return "row \(row), column '\(column)': \(ValueType.expectation(type)) expected"
        case .figureType(let label, let type):
            return "figure '\(label)': \(ValueType.expectation(type)) expected"
        case .chartTable(let index):
            return "the report has no table \(index + 1)"
        case .chartColumn(let key):
            return "the table has no column '\(key)'"
        case .chartNotNumeric(let key, let type):
            return "column '\(key)' is \(type.rawValue), not numeric (integer, money or percent)"
        case .chartSeries(let kind, let count):
            return kind == .pie ? "a pie chart takes exactly one value column, got \(count)"
                : "a \(kind.rawValue) chart takes at least one value column, got \(count)"
        }
    }
}

extension ValueType {
    /// What a value of the type must be, in words: "an integer number of fen".
    public static func expectation(_ type: ValueType) -> String {
        switch type {
        case .text: return "text"
        case .integer: return "an integer"
        case .money: return "an integer number of fen"
        case .percent: return "an integer number of basis points (1234 = 12.34%)"
        case .date: return "a date YYYY-MM-DD"
        case .residentID: return "a resident ID (text)"
        case .phone: return "a phone number (text)"
        }
    }
}
