/// Renders a report as one self-contained HTML file: inline CSS (with a
/// print layout, see `HTMLStyle`), charts as inline SVG (see `SVGChart`), no
/// script and no external resource, every text escaped.
///
/// Sections are `<h2>`, consecutive key figures one `<dl class="figures">`,
/// tables `<table>` with a `<caption>`, numbers in `class="num"` cells and
/// the total row in `<tfoot>`; a chart is a `<figure class="chart">` holding
/// the `<svg>` and a `<figcaption>`.
public struct HTMLRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) {
        self.options = options
    }

    public func render(_ report: Report) -> String {
        let strings = options.strings
        let formatter = ValueFormatter(options: options)
        let e = HTMLEscaping.escape
        var out = [
            "<!DOCTYPE html>",
            "<html lang=\"\(strings.htmlLanguage)\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(e(report.title))</title>",
            "<style>\n\(HTMLStyle.css)\n</style>",
            "</head>",
            "<body>",
            "<main class=\"report\">",
            "<header>",
            "<h1>\(e(report.title))</h1>",
        ]
        if let subtitle = report.subtitle { out.append("<p class=\"subtitle\">\(e(subtitle))</p>") }
        if let date = report.date { out.append("<p class=\"date\">\(e(strings.labelled(strings.generated, date.description)))</p>") }
        out.append("</header>")
        for block in report.laidOut {
            switch block {
            case .section(let heading):
                out.append("<h2>\(e(heading))</h2>")
            case .paragraph(let text):
                out.append("<p>\(e(text).replacingOccurrences(of: "\n", with: "<br>"))</p>")
            case .figures(let figures):
                out.append("<dl class=\"figures\">")
                for figure in figures {
                    let value = formatter.text(figure.value, as: figure.type, currency: true)
                    out.append("<div class=\"figure\"><dt>\(e(figure.label))</dt><dd\(figure.type.isNumeric ? " class=\"num\"" : "")>\(e(value))</dd></div>")
                }
                out.append("</dl>")
            case .table(let table):
                out += self.table(table, formatter: formatter, strings: strings)
            case .chart(let chart, let table):
                let caption = strings.chartCaption(chart.title, kind: chart.kind)
                let data = ChartData(chart, table, formatter: formatter)
                out.append("<figure class=\"chart\">")
                out.append("<figcaption>\(e(caption))</figcaption>")
                out.append(data.labels.isEmpty ? "<p class=\"empty\">\(e(strings.noData))</p>"
                           : SVGChart(formatter: formatter, strings: strings).svg(data, kind: chart.kind, title: caption))
                out.append("</figure>")
            }
        }
        out += ["</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    private func table(_ table: ReportTable, formatter: ValueFormatter, strings: ReportStrings) -> [String] {
        let e = HTMLEscaping.escape
        let columns = table.columns
        func cell(_ tag: String, _ text: String, numeric: Bool) -> String {
            "<\(tag)\(numeric ? " class=\"num\"" : "")>\(e(text))</\(tag)>"
        }
        var out = ["<table>"]
        if let title = table.title { out.append("<caption>\(e(title))</caption>") }
        out.append("<thead><tr>" + columns.map { cell("th", $0.label, numeric: $0.type.isNumeric) }.joined() + "</tr></thead>")
        out.append("<tbody>")
        if table.rows.isEmpty {
            out.append("<tr><td class=\"empty\" colspan=\"\(columns.count)\">\(e(strings.noData))</td></tr>")
        }
        for row in table.rows {
            out.append("<tr>" + zip(columns, row).map { cell("td", formatter.text($1, as: $0.type), numeric: $0.type.isNumeric) }.joined() + "</tr>")
        }
        out.append("</tbody>")
        if let totals = table.totals {
            out.append("<tfoot><tr>" + columns.indices.map { index in
                if let sum = totals[index] { return cell("td", formatter.text(.integer(sum), as: columns[index].type), numeric: true) }
                return cell("td", index == 0 ? strings.total : "", numeric: false)
            }.joined() + "</tr></tfoot>")
        }
        out.append("</table>")
        return out
    }
}
