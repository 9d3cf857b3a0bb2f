import Foundation

/// Charts as inline SVG, drawn from a table's numbers: no script, no
/// external resource.
///
/// - bar: grouped bars (`<rect>`), one colour per value column;
/// - line: one `<polyline>` per value column with a `<circle>` per point;
/// - pie: one `<path>` per slice, starting at the top, clockwise.
///
/// Bar and line charts have a y axis from 0 with round ticks and the labels
/// under the x axis; every chart has a legend. Values below zero are drawn as
/// zero. Each mark has a `<title>` with its label and value (a tooltip).
struct SVGChart {
    let formatter: ValueFormatter
    let strings: ReportStrings

    static let palette = ["#2f6db5", "#e07b39", "#3a9e5c", "#c8423b", "#8a63b8",
                          "#8c6d4f", "#d46aa8", "#7f7f7f", "#b5b82f", "#2fb5b0"]
    static let width = 640.0, height = 320.0

    func svg(_ data: ChartData, kind: ChartKind, title: String) -> String {
        let body: [String]
        switch kind {
        case .bar, .line: body = axes(data, kind: kind)
        case .pie: body = pie(data)
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-\(kind.rawValue)\" viewBox=\"0 0 640 320\" width=\"640\" height=\"320\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(title))\" font-size=\"12\">\n"
            + body.joined(separator: "\n") + "\n</svg>"
    }

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// A coordinate with one decimal: `12.5`, `300.0`.
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A text element, escaped.
    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", extra: String = "") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\"\(extra)>\(HTMLEscaping.escape(content))</text>"
    }

    /// A legend row of colour swatches and names, left to right from (`x`, `y`).
    static func legend(_ names: [String], x: Double, y: Double) -> [String] {
        var out = ["<g class=\"legend\">"]
        var left = x
        for (index, name) in names.enumerated() {
            out.append("<rect x=\"\(number(left))\" y=\"\(number(y - 10))\" width=\"10\" height=\"10\" fill=\"\(color(index))\"/>")
            out.append(text(name, x: left + 14, y: y))
            left += 14 + Double(TextWidth.of(name)) * 6.5 + 18
        }
        out.append("</g>")
        return out
    }
}
