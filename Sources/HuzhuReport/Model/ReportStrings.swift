/// The renderers' own words in each language.
///
/// ```swift
/// ReportStrings(.en).total   // "Total"
/// ```
public struct ReportStrings: Sendable {
    /// Before the report's date: "生成日期" / "Generated".
    public let generated: String
    /// The first cell of a total row: "合计" / "Total".
    public let total: String
    /// In place of an empty table: "无数据" / "No data".
    public let noData: String
    /// Before a chart's title in text and Markdown: "图" / "Chart".
    public let chart: String
    /// A table without a title in CSV: "表" / "Table" (followed by its number).
    public let table: String
    /// Key figures in CSV: "关键指标" / "Key figures".
    public let keyFigures: String
    /// The kinds of chart: "柱状图" / "bar chart" …
    public let chartKinds: [ChartKind: String]
    /// Between a label and its value: "：" / ": ".
    public let colon: String
    /// The HTML `lang` attribute.
    public let htmlLanguage: String

    public init(_ language: ReportLanguage) {
        switch language {
        case .zh:
            generated = "生成日期"; total = "合计"; noData = "无数据"; chart = "图"; table = "表"
            keyFigures = "关键指标"; colon = "："; htmlLanguage = "zh-CN"
            chartKinds = [.bar: "柱状图", .line: "折线图", .pie: "饼图"]
        case .en:
            generated = "Generated"; total = "Total"; noData = "No data"; chart = "Chart"; table = "Table"
            keyFigures = "Key figures"; colon = ": "; htmlLanguage = "en"
            chartKinds = [.bar: "bar chart", .line: "line chart", .pie: "pie chart"]
        }
    }

    /// Text in brackets after other text: "（柱状图）" / " (bar chart)".
    public func parenthesized(_ text: String) -> String { htmlLanguage == "en" ? " (\(text))" : "（\(text)）" }

    /// A chart's caption: "图：各区参保（柱状图）" / "Chart: Members (bar chart)".
    public func chartCaption(_ title: String?, kind: ChartKind) -> String {
        let name = chartKinds[kind] ?? kind.rawValue
        return labelled(chart, title.map { $0 + parenthesized(name) } ?? name)
    }

    /// A label and its value: "生成日期：2012-06-30", "Generated: 2012-06-30".
    public func labelled(_ label: String, _ value: String) -> String { label + colon + value }
}
