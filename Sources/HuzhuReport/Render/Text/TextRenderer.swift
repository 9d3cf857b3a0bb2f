import HuzhuValues

/// Renders a report as terminal text.
///
/// The title is underlined with `=`, section headings with `-`; blocks are
/// separated by a blank line. Key figures in a row form one aligned list
/// (money with `¥`). Tables line up with Chinese text (see
/// ``TextWidth``); numbers are right-aligned. Charts are drawn with block
/// characters (see `TextChart`). Lines end with LF; the text ends with one.
///
/// ```
/// 各区参保情况
/// ============
/// 生成日期：2012-06-30
/// ```
public struct TextRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    public func render(_ report: Report) -> String {
        let strings = options.strings
        let formatter = ValueFormatter(options: options)
        // Text from data is shown with its control characters escaped (TerminalText).
        let title = TerminalText.escaped(report.title)
        var header = [title, String(repeating: "=", count: max(1, TextWidth.of(title)))]
        if let subtitle = report.subtitle { header.append(TerminalText.escaped(subtitle)) }
        if let date = report.date { header.append(strings.labelled(strings.generated, date.description)) }
        var parts = [header]
        for block in report.laidOut {
            switch block {
            case .section(let raw):
                let heading = TerminalText.escaped(raw)
                parts.append([heading, String(repeating: "-", count: max(1, TextWidth.of(heading)))])
            case .paragraph(let text):
                parts.append([TerminalText.escaped(text, keepingLineBreaks: true)])
            case .figures(let figures):
                let labels = figures.map { TerminalText.escaped($0.label) }
                let values = figures.map { formatter.text($0.value, as: $0.type, currency: true) }
                let labelWidth = labels.map(TextWidth.of).max() ?? 0
                let valueWidth = values.map(TextWidth.of).max() ?? 0
                parts.append(zip(labels, values).map {
                    TextWidth.padded($0, to: labelWidth) + "  " + TextWidth.rightAligned($1, to: valueWidth)
                })
            case .table(let table):
                parts.append((table.title.map { [TerminalText.escaped($0)] } ?? [])
                             + TextTableLayout(formatter: formatter, strings: strings).lines(table))
            case .chart(let chart, let table):
                let caption = strings.chartCaption(chart.title, kind: chart.kind)
                let data = ChartData(chart, table, formatter: formatter)
                let lines = data.labels.isEmpty ? [strings.noData] : TextChart(formatter: formatter).lines(data, kind: chart.kind)
                parts.append([caption] + lines)
            }
        }
        return parts.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }
}
