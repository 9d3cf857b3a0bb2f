import HuzhuValues
import HuzhuReport
import Testing

/// A name with ESC or a newline must not clear the screen or fake a table row.
@Suite("Terminal text escapes control characters")
struct TerminalEscapeTests {
    @Test("title, headings and cells show control characters escaped; a paragraph keeps its line breaks")
    func escapes() throws {
        var report = Report(title: "名单\u{1B}[2J")
        report.section("节\u{07}")
        report.paragraph("第一行\n第二行\u{1B}]0;pwned\u{07}")
        var table = try ReportTable(columns: [ReportColumn(key: "name", label: "姓名\r")])
        try table.append([.text("张三\n李四 | 999")])
        _ = report.add(table)
        let text = TextRenderer().render(report)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains(#"名单\x1B[2J"#) && text.contains(#"节\x07"#))
        #expect(text.contains("第一行\n第二行\\x1B]0;pwned\\x07"))
        #expect(text.contains(#"姓名\r"#) && text.contains(#"张三\n李四 | 999"#))
    }
}
