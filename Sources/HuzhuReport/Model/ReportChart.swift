/// The kinds of chart.
public enum ChartKind: String, Sendable, Hashable, CaseIterable {
    /// Bars per label, one bar per value column.
    case bar
    /// One line per value column across the labels.
    case line
    /// Shares of one value column.
    case pie
}

/// A chart drawn from a table of the report: one column gives the labels,
/// one or more numeric columns the values.
///
/// ```swift
/// ReportChart(kind: .bar, title: "参保人数", table: 0, labelColumn: "unit", valueColumns: ["members"])
/// ```
public struct ReportChart: Sendable, Hashable {
    public var kind: ChartKind
    /// The caption; nil for none.
    public var title: String?
    /// Which table of the report (0 for the first table added).
    public var table: Int
    /// The key of the column that labels the bars, points or slices.
    public var labelColumn: String
    /// The keys of the numeric columns drawn, one series each.
    public var valueColumns: [String]

    public init(kind: ChartKind, title: String? = nil, table: Int, labelColumn: String, valueColumns: [String]) {
        self.kind = kind
        self.title = title
        self.table = table
        self.labelColumn = labelColumn
        self.valueColumns = valueColumns
    }

    /// Checks the chart against its table.
    ///
    /// - Throws: ``ReportError/chartColumn(key:)``, ``ReportError/chartNotNumeric(key:type:)``,
    ///   ``ReportError/chartSeries(kind:count:)``.
    public func validate(against table: ReportTable) throws {
        guard table.columnIndex(labelColumn) != nil else { throw ReportError.chartColumn(key: labelColumn) }
        if valueColumns.isEmpty || (kind == .pie && valueColumns.count != 1) {
            throw ReportError.chartSeries(kind: kind, count: valueColumns.count)
        }
        for key in valueColumns {
            guard let index = table.columnIndex(key) else { throw ReportError.chartColumn(key: key) }
            let type = table.columns[index].type
            guard type.isNumeric else { throw ReportError.chartNotNumeric(key: key, type: type) }
        }
    }
}
