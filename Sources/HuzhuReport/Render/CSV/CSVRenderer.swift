import Foundation
import HuzhuValues

/// Renders a report's data as one CSV file: UTF-8 with a byte order mark,
/// CRLF line ends, RFC 4180 quoting (HuzhuCore's ``CSVWriter``).
///
/// Layout — blocks of rows separated by one empty row:
/// 1. the title, then the subtitle and `生成日期,2012-06-30` when the report has them;
/// 2. the key figures, if any: a `关键指标` row, then one `label,value` row each;
/// 3. each table: its title row (`表 2` when it has none), the headings, the
///    rows, and the total row (`合计`, …) when the table has one.
///
/// Sections, paragraphs and charts are not data and are left out (a chart's
/// data is its table). Numbers are not grouped (`12345`, money `1234.56`,
/// percent `12.34%`) so spreadsheets read them as numbers. Resident IDs are
/// masked unless unmasked; then they are written as Excel text
/// (`="340104198001011234"`) so Excel keeps all 18 digits.
public struct CSVRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    public func render(_ report: Report) -> String {
        let strings = options.strings
        var formatter = ValueFormatter(options: options)
        formatter.grouping = false
        func cell(_ value: ReportValue, _ type: ValueType) -> String {
            if type == .residentID, options.unmasked, case .text(let id) = value { return "=\"" + id + "\"" }
            return formatter.text(value, as: type)
        }

        var blocks: [[[String]]] = []
        var header = [[report.title]]
        if let subtitle = report.subtitle { header.append([subtitle]) }
        if let date = report.date { header.append([strings.generated, date.description]) }
        blocks.append(header)

        let figures = report.blocks.compactMap { block -> KeyFigure? in
            if case .figure(let f) = block { return f } else { return nil }
        }
        if !figures.isEmpty {
            blocks.append([[strings.keyFigures]] + figures.map { [$0.label, cell($0.value, $0.type)] })
        }
        for (index, table) in report.tables.enumerated() {
            var rows = [[table.title ?? "\(strings.table) \(index + 1)"], table.columns.map(\.label)]
            rows += table.rows.map { row in zip(table.columns, row).map { cell($1, $0.type) } }
            if let totals = table.totals {
                rows.append(table.columns.indices.map { column in
                    if let sum = totals[column] { return cell(.integer(sum), table.columns[column].type) }
                    return column == 0 ? strings.total : ""
                })
            }
            blocks.append(rows)
        }

        var data = Data()
        let writer = CSVWriter(sink: { data.append($0) })
        for (index, block) in blocks.enumerated() {
            if index > 0 { try? writer.writeRow([String]()) }
            for row in block { try? writer.writeRow(row) }
        }
        try? writer.close()
        return String(decoding: data, as: UTF8.self)
    }
}
