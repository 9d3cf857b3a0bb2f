import HuzhuValues
import HuzhuReport
import Testing

@Suite("Terminal text lines up with Chinese text")
struct TextAlignmentTests {
    @Test("a CJK character takes two columns")
    func widths() {
        #expect(TextWidth.of("包河区") == 6)
        #expect(TextWidth.of("Hefei") == 5)
        #expect(TextWidth.of("￥12，3") == 7)   // full-width yuan sign and comma: 2 + 1 + 1 + 2 + 1
        #expect(TextWidth.padded("包河区", to: 8) == "包河区  ")
        #expect(TextWidth.rightAligned("1,200", to: 8) == "   1,200")
    }

    @Test("every line of a table has the same display width, numbers right-aligned")
    func tableLines() throws {
        var report = Report(title: "对齐")
        var table = try ReportTable(columns: [
            ReportColumn(key: "unit", label: "单位"),
            ReportColumn(key: "n", label: "人数", type: .integer),
            ReportColumn(key: "paid", label: "Paid", type: .money),
            ReportColumn(key: "note", label: "备注"),
        ], showsTotal: true)
        try table.append([.text("包河区"), .integer(1200), .integer(123_456), .text("a")])
        try table.append([.text("Shushan 蜀山区"), .integer(5), .integer(1), .text("（全角）说明")])
        try table.append([.text("瑶海"), .integer(1_000_000), .integer(99), .empty])
        report.add(table)
        let lines = TextRenderer().render(report).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).dropFirst(3).filter { !$0.isEmpty }   // title, its rule, the blank line
        #expect(lines.count == 7)   // headings, rule, 3 rows, rule, total
        let widths = Set(lines.map(TextWidth.of))
        #expect(widths.count == 1, "widths: \(lines.map(TextWidth.of))")
        #expect(lines[2] == "包河区              1,200  1,234.56  a           ")
        #expect(lines[4] == "瑶海            1,000,000      0.99              ")
        #expect(lines[6] == "合计            1,001,205  1,235.56              ")
    }

    @Test("an empty table says so, in the chosen language")
    func emptyTable() throws {
        var report = Report(title: "T")
        report.add(try ReportTable(columns: [ReportColumn(key: "a", label: "甲")]))
        #expect(TextRenderer().render(report).hasSuffix("甲    \n------\n无数据\n"))
        #expect(TextRenderer(options: RenderOptions(language: .en)).render(report).hasSuffix("甲     \n-------\nNo data\n"))
    }
}
