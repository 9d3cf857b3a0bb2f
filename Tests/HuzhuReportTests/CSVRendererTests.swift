import Foundation
import HuzhuValues
import HuzhuReport
import Testing

@Suite("CSV: UTF-8 with a byte order mark, RFC 4180 quoting, one block per table")
struct CSVRendererTests {
    @Test("starts with the UTF-8 byte order mark and ends lines with CRLF")
    func byteOrderMark() throws {
        let bytes = Array(ReportFormat.csv.render(Report(title: "参保")).utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(bytes.suffix(2)) == [0x0D, 0x0A])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "参保\r\n")
    }

    @Test("fields with commas, quotes or line breaks are quoted, quotes doubled")
    func quoting() throws {
        var report = Report(title: "a,b")
        var table = try ReportTable(title: "T", columns: [ReportColumn(key: "x", label: "名称"), ReportColumn(key: "n", label: "n", type: .money)])
        try table.append([.text("Hefei \"east\", 2"), .integer(123_456)])
        try table.append([.text("两行\n文字"), .integer(-5)])
        report.add(table)
        #expect(ReportFormat.csv.render(report) == "\u{FEFF}\"a,b\"\r\n\r\nT\r\n名称,n\r\n\"Hefei \"\"east\"\", 2\",1234.56\r\n\"两行\n文字\",-0.05\r\n")
    }

    @Test("several tables: title row, headings, rows; a blank row between; untitled tables numbered")
    func layout() throws {
        var report = Report(title: "R", date: CivilDate(year: 2012, month: 12, day: 31))
        try report.figure(KeyFigure(label: "参保率", value: .integer(5000), type: .percent))
        var first = try ReportTable(columns: [ReportColumn(key: "a", label: "A", type: .integer)], showsTotal: true)
        try first.append([.integer(1234)])
        try first.append([.integer(1)])
        report.add(first)
        report.add(try ReportTable(title: "第二", columns: [ReportColumn(key: "d", label: "日期", type: .date)]))
        #expect(ReportFormat.csv.render(report) == "\u{FEFF}R\r\n生成日期,2012-12-31\r\n\r\n关键指标\r\n参保率,50.00%\r\n\r\n表 1\r\nA\r\n1234\r\n1\r\n1235\r\n\r\n第二\r\n日期\r\n")
        // a total row whose first column is a number has no room for 合计
    }
}
