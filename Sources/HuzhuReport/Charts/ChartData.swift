/// A chart's data read out of its table: labels and one series per value column.
struct ChartData {
    struct Series {
        /// The column's heading.
        var name: String
        /// The column's type (integer, money or percent), for writing values.
        var type: ValueType
        /// One value per label; an empty cell counts as 0.
        var values: [Int64]
    }

    var labels: [String]
    var series: [Series]

    /// Reads `chart`'s columns from `table`, labels written by `formatter` (so masked when personal).
    init(_ chart: ReportChart, _ table: ReportTable, formatter: ValueFormatter) {
        let labelIndex = table.columnIndex(chart.labelColumn) ?? 0
        let labelType = table.columns[labelIndex].type
        labels = table.rows.map { formatter.text($0[labelIndex], as: labelType) }
        series = chart.valueColumns.compactMap { key in
            guard let index = table.columnIndex(key) else { return nil }
            return Series(name: table.columns[index].label, type: table.columns[index].type,
                          values: table.rows.map { $0[index].integerValue ?? 0 })
        }
    }

    /// The largest value of all series, at least 0.
    var maximum: Int64 { series.flatMap(\.values).max().map { max($0, 0) } ?? 0 }

    /// Each value's share of the positive total of `values`, in basis points,
    /// rounded half up; non-positive values get 0.
    static func shares(_ values: [Int64]) -> [Int64] {
        let total = values.reduce(Int64(0)) { $0 &+ max($1, 0) }
        guard total > 0 else { return values.map { _ in 0 } }
        return values.map { value in
            guard value > 0 else { return 0 }
            let (high, low) = value.multipliedFullWidth(by: 10_000)
            let (quotient, remainder) = total.dividingFullWidth((high, low))
            return quotient + (remainder >= total - remainder ? 1 : 0)
        }
    }
}
