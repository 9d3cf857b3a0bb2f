/// A table of typed columns: its rows line up with ``columns``.
///
/// ```swift
/// var table = try ReportTable(title: "各区参保情况", columns: [
///     ReportColumn(key: "unit", label: "单位"),
///     ReportColumn(key: "members", label: "参保人数", type: .integer),
/// ], showsTotal: true)
/// try table.append([.text("包河区"), .integer(1200)])
/// ```
public struct ReportTable: Sendable, Hashable {
    /// The caption; nil for none.
    public var title: String?
    /// The columns, in order.
    public private(set) var columns: [ReportColumn]
    /// The rows: one value per column.
    public private(set) var rows: [[ReportValue]] = []
    /// Whether renderers add a total row (合计) summing the integer and money columns.
    public var showsTotal: Bool

    /// - Throws: ``ReportError/duplicateColumn(key:)``.
    public init(title: String? = nil, columns: [ReportColumn], showsTotal: Bool = false) throws {
        var seen = Set<String>()
        for column in columns where !seen.insert(column.key).inserted {
            throw ReportError.duplicateColumn(key: column.key)
        }
        self.title = title
        self.columns = columns
        self.showsTotal = showsTotal
    }

    /// Adds a row.
    ///
    /// - Parameter row: One value per column, each fitting its column's type.
    /// - Throws: ``ReportError/rowWidth(row:cells:columns:)``, ``ReportError/cellType(row:column:type:)``
    ///   (rows numbered from 1).
    public mutating func append(_ row: [ReportValue]) throws {
        let number = rows.count + 1
        guard row.count == columns.count else {
            throw ReportError.rowWidth(row: number, cells: row.count, columns: columns.count)
        }
        for (column, value) in zip(columns, row) where !column.type.accepts(value) {
            throw ReportError.cellType(row: number, column: column.key, type: column.type)
        }
        rows.append(row)
    }

    /// The position of the column with `key`.
    public func columnIndex(_ key: String) -> Int? {
        columns.firstIndex { $0.key == key }
    }

    /// The total row: the sum of each integer and money column (nil for the
    /// others; percentages do not add up). Nil when ``showsTotal`` is off.
    public var totals: [Int64?]? {
        guard showsTotal else { return nil }
        return columns.indices.map { index in
            let type = columns[index].type
            guard type == .integer || type == .money else { return nil }
            return rows.reduce(Int64(0)) { $0 &+ ($1[index].integerValue ?? 0) }
        }
    }
}
