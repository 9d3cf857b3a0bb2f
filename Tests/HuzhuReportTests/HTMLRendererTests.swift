import HuzhuValues
import HuzhuReport
import Testing

@Suite("HTML: one self-contained file, escaped, with inline SVG charts")
struct HTMLRendererTests {
    @Test("text is escaped everywhere: headings, cells, chart labels and tooltips")
    func escaping() throws {
        var report = Report(title: "<script>alert(1)</script>", subtitle: "A & B", date: nil)
        report.paragraph("\"quoted\" 'single' <b>")
        var table = try ReportTable(title: "<t>", columns: [ReportColumn(key: "u", label: "<u>"), ReportColumn(key: "n", label: "n", type: .integer)])
        try table.append([.text("蜀山区 & <b>"), .integer(3)])
        let t = report.add(table)
        try report.add(ReportChart(kind: .bar, title: "<c>", table: t, labelColumn: "u", valueColumns: ["n"]))
        let html = ReportFormat.html.render(report)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
        #expect(html.contains("<p>&quot;quoted&quot; &#39;single&#39; &lt;b&gt;</p>"))
        #expect(html.contains("<caption>&lt;t&gt;</caption>"))
        #expect(html.contains("<td>蜀山区 &amp; &lt;b&gt;</td>"))
        #expect(html.contains(">蜀山区 &amp; &lt;b&gt;</text>"))
        #expect(HTMLEscaping.escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }

    @Test("self-contained: no script, no external resource; print CSS; one SVG per chart")
    func selfContained() throws {
        let html = ReportFormat.html.render(try ReportFixture.report())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
        #expect(html.components(separatedBy: "http").count - 1 == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
        #expect(html.contains("@media print"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("<rect x="))
        #expect(html.contains("<polyline "))
        #expect(html.contains("<path d=\"M "))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
    }

    @Test("a pie of one label is a whole circle; a chart of an empty table says 无数据")
    func edges() throws {
        var report = Report(title: "T")
        var table = try ReportTable(columns: [ReportColumn(key: "u", label: "u"), ReportColumn(key: "n", label: "n", type: .integer)])
        try table.append([.text("全部"), .integer(7)])
        let t = report.add(table)
        try report.add(ReportChart(kind: .pie, table: t, labelColumn: "u", valueColumns: ["n"]))
        let empty = report.add(try ReportTable(columns: table.columns))
        try report.add(ReportChart(kind: .bar, table: empty, labelColumn: "u", valueColumns: ["n"]))
        let html = ReportFormat.html.render(report)
        #expect(html.contains("<path d=\"M 160.0 30.0 A 130.0 130.0 0 1 1 160.0 290.0 A 130.0 130.0 0 1 1 160.0 30.0 Z\""))
        #expect(html.contains("<figcaption>图：柱状图</figcaption>\n<p class=\"empty\">无数据</p>"))
    }
}
