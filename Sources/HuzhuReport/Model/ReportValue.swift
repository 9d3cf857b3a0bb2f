import HuzhuValues

/// One cell of a table or the value of a key figure, read by its ``ValueType``.
///
/// Numbers are exact integers: fen for money, basis points for percentages.
///
/// ```swift
/// let amount: ReportValue = .integer(123456)   // ¥1,234.56 in a money column
/// let rate: ReportValue = .integer(4567)       // 45.67% in a percent column
/// ```
public enum ReportValue: Sendable, Hashable {
    /// Nothing to show.
    case empty
    /// Text: of a text, resident ID or phone column.
    case text(String)
    /// An integer: a count, fen or basis points, by the column.
    case integer(Int64)
    /// A calendar date.
    case date(CivilDate)

    /// The integer, if the value is one.
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
}
