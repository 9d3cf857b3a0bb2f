/// A table column: the key rows use, the heading shown and the type of its cells.
///
/// ```swift
/// ReportColumn(key: "paid", label: "赔付金额", type: .money)
/// ```
public struct ReportColumn: Sendable, Hashable {
    /// The key rows are given by (`unit`, `members` …); unique within a table.
    public var key: String
    /// The heading shown.
    public var label: String
    /// What the cells hold.
    public var type: ValueType

    public init(key: String, label: String, type: ValueType = .text) {
        self.key = key
        self.label = label
        self.type = type
    }
}
