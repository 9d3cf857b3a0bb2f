/// A headline number with its label (关键指标): "参保人数 12,345".
///
/// ```swift
/// KeyFigure(label: "缴费总额", value: .integer(3_600_000), type: .money)   // ¥36,000.00
/// ```
public struct KeyFigure: Sendable, Hashable {
    /// What the figure is.
    public var label: String
    /// The figure.
    public var value: ReportValue
    /// How to read and write ``value``.
    public var type: ValueType

    public init(label: String, value: ReportValue, type: ValueType) {
        self.label = label
        self.value = value
        self.type = type
    }
}
