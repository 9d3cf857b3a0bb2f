import HuzhuValues
import HuzhuReport
import Testing

@Suite("The report model refuses what it cannot render")
struct ReportModelTests {
    static let columns = [ReportColumn(key: "unit", label: "单位"), ReportColumn(key: "paid", label: "缴费", type: .money)]

    @Test("a cell of the wrong type, a short row and a duplicate column are errors with codes")
    func tableErrors() throws {
        var table = try ReportTable(columns: Self.columns)
        #expect(throws: ReportError.cellType(row: 1, column: "paid", type: .money)) { try table.append([.text("a"), .text("12.5")]) }
        #expect(throws: ReportError.rowWidth(row: 1, cells: 1, columns: 2)) { try table.append([.text("a")]) }
        #expect(throws: ReportError.duplicateColumn(key: "a")) {
            try ReportTable(columns: [ReportColumn(key: "a", label: "A"), ReportColumn(key: "a", label: "B")])
        }
        #expect(ReportError.cellType(row: 1, column: "paid", type: .money).description == "row 1, column 'paid': an integer number of fen expected")
        #expect(ReportError.cellType(row: 1, column: "paid", type: .money).code == "R103")
    }

    @Test("a chart needs a table, known columns, numeric values, and one series for a pie")
    func chartErrors() throws {
        var report = Report(title: "T")
        let t = report.add(try ReportTable(columns: Self.columns))
        #expect(throws: ReportError.chartTable(index: 5)) { try report.add(ReportChart(kind: .bar, table: 5, labelColumn: "unit", valueColumns: ["paid"])) }
        #expect(throws: ReportError.chartColumn(key: "x")) { try report.add(ReportChart(kind: .bar, table: t, labelColumn: "x", valueColumns: ["paid"])) }
        #expect(throws: ReportError.chartNotNumeric(key: "unit", type: .text)) {
            try report.add(ReportChart(kind: .line, table: t, labelColumn: "unit", valueColumns: ["unit"]))
        }
        #expect(throws: ReportError.chartSeries(kind: .pie, count: 2)) {
            try report.add(ReportChart(kind: .pie, table: t, labelColumn: "unit", valueColumns: ["paid", "paid"]))
        }
        #expect(ReportError.chartNotNumeric(key: "unit", type: .text).description == "column 'unit' is text, not numeric (integer, money or percent)")
    }

    @Test("values are written exactly: money from fen, percent from basis points")
    func formatting() {
        let f = ValueFormatter(options: RenderOptions())
        #expect(f.text(.integer(123_456), as: .money) == "1,234.56")
        #expect(f.text(.integer(123_456), as: .money, currency: true) == "¥1,234.56")
        #expect(f.text(.integer(-5), as: .money, currency: true) == "-¥0.05")
        #expect(f.text(.integer(1234), as: .percent) == "12.34%")         // 1234 bp
        #expect(f.text(.integer(-5), as: .percent) == "-0.05%")
        #expect(f.text(.integer(1_234_567), as: .integer) == "1,234,567")
        #expect(f.text(.date(CivilDate(year: 2012, month: 6, day: 30)!), as: .date) == "2012-06-30")
    }
}
