/// Renders a report as GitHub-flavoured Markdown.
///
/// - the title is a `#` heading, sections `##` headings; the subtitle and
///   the date are paragraphs;
/// - consecutive key figures form one list: `- **label**：value`;
/// - tables are GFM tables, the title in bold above, numbers aligned right
///   (`---:`), the total row in bold;
/// - a chart is written as its caption and the data it draws (its label and
///   value columns as a table): Markdown has no charts, and the numbers are
///   what a reader needs.
///
/// Text is escaped so that `*`, `_`, `|` … in the report show as written.
public struct MarkdownRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    public func render(_ report: Report) -> String {
        let strings = options.strings
        let formatter = ValueFormatter(options: options)
        var parts = ["# " + Self.escape(report.title)]
        if let subtitle = report.subtitle { parts.append(Self.escape(subtitle)) }
        if let date = report.date { parts.append(strings.labelled(strings.generated, date.description)) }
        for block in report.laidOut {
            switch block {
            case .section(let heading):
                parts.append("## " + Self.escape(heading))
            case .paragraph(let text):
                parts.append(Self.escape(text))
            case .figures(let figures):
                parts.append(figures.map {
                    "- **" + Self.escape($0.label) + "**" + strings.colon
                        + Self.escape(formatter.text($0.value, as: $0.type, currency: true))
                }.joined(separator: "\n"))
            case .table(let table):
                let body = self.table(table, formatter: formatter, strings: strings)
                parts.append(table.title.map { "**" + Self.escape($0) + "**\n\n" + body } ?? body)
            case .chart(let chart, let table):
                var data = (try? ReportTable(columns: ([chart.labelColumn] + chart.valueColumns).compactMap { key in
                    table.columnIndex(key).map { table.columns[$0] }
                })) ?? table
                let indices = ([chart.labelColumn] + chart.valueColumns).compactMap(table.columnIndex)
                for row in table.rows { try? data.append(indices.map { row[$0] }) }
                parts.append("*" + Self.escape(strings.chartCaption(chart.title, kind: chart.kind)) + "*\n\n"
                             + self.table(data, formatter: formatter, strings: strings))
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func table(_ table: ReportTable, formatter: ValueFormatter, strings: ReportStrings) -> String {
        let columns = table.columns
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        var lines = [line(columns.map { Self.escape($0.label) }),
                     line(columns.map { $0.type.isNumeric ? "---:" : ":---" })]
        if table.rows.isEmpty {
            lines.append(line(columns.indices.map { $0 == 0 ? strings.noData : "" }))
        }
        for row in table.rows {
            lines.append(line(zip(columns, row).map { Self.escape(formatter.text($1, as: $0.type)) }))
        }
        if let totals = table.totals {
            lines.append(line(columns.indices.map { index in
                if let sum = totals[index] { return "**" + formatter.text(.integer(sum), as: columns[index].type) + "**" }
                return index == 0 ? "**" + strings.total + "**" : ""
            }))
        }
        return lines.joined(separator: "\n")
    }

    /// Escapes Markdown's special characters with a backslash; a line break becomes `<br>`.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "|", "!":
                out.append("\\"); out.append(character)
            case "\n", "\r\n": out += "<br>"
            default: out.append(character)
            }
        }
        return out
    }
}
