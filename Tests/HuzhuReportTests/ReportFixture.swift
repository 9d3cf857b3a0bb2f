import Foundation
import HuzhuValues
import HuzhuReport
import Testing

/// A small report with Chinese text, every value type, a total row, personal
/// data, characters that need escaping and one chart of each kind.
enum ReportFixture {
    static func report() throws -> Report {
        var report = Report(title: "各区参保情况", subtitle: "2012年上半年 <初评>", date: CivilDate(year: 2012, month: 6, day: 30))
        report.section("总体情况")
        report.paragraph("时间过半、任务过半：各区进度见下表。")
        try report.figure(KeyFigure(label: "参保人数", value: .integer(2005), type: .integer))
        try report.figure(KeyFigure(label: "缴费总额", value: .integer(3_840_051), type: .money))
        try report.figure(KeyFigure(label: "参保率", value: .integer(4567), type: .percent))
        report.section("各区")
        var table = try ReportTable(title: "各区参保", columns: [
            ReportColumn(key: "unit", label: "单位"),
            ReportColumn(key: "members", label: "参保人数", type: .integer),
            ReportColumn(key: "paid", label: "缴费金额", type: .money),
            ReportColumn(key: "rate", label: "参保率", type: .percent),
            ReportColumn(key: "since", label: "开始日期", type: .date),
            ReportColumn(key: "contact", label: "联系人身份证", type: .residentID),
            ReportColumn(key: "phone", label: "电话", type: .phone),
        ], showsTotal: true)
        let start = CivilDate(year: 2012, month: 1, day: 1)!
        try table.append([.text("包河区"), .integer(1200), .integer(3_600_000), .integer(4567), .date(start),
                          .text("340104198001011234"), .text("13812345678")])
        try table.append([.text("蜀山区 & <b>"), .integer(800), .integer(240_050), .integer(1200), .date(start),
                          .text("34010419800101123X"), .text("0551-1234567")])
        try table.append([.text("Hefei \"east\", 2"), .integer(5), .integer(1), .integer(10000), .empty,
                          .empty, .empty])
        let t = report.add(table)
        try report.add(ReportChart(kind: .bar, title: "参保人数", table: t, labelColumn: "unit", valueColumns: ["members"]))
        try report.add(ReportChart(kind: .line, title: "参保与缴费", table: t, labelColumn: "unit", valueColumns: ["members", "rate"]))
        try report.add(ReportChart(kind: .pie, title: "参保构成", table: t, labelColumn: "unit", valueColumns: ["members"]))
        report.paragraph("注：金额单位为元。")
        report.add(try ReportTable(title: "空表", columns: [ReportColumn(key: "name", label: "名称")]))
        return report
    }

    /// The folder of the golden files.
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares `text` with the golden file `name`; with HUZHU_UPDATE_GOLDEN=1 in
    /// the environment, rewrites the file instead (review the diff!).
    static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["HUZHU_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url, options: .atomic)
        }
        let expected = try Data(contentsOf: url)
        #expect(Data(text.utf8) == expected, "\(name) differs from the golden file; rerun with HUZHU_UPDATE_GOLDEN=1 and review the diff",
                sourceLocation: sourceLocation)
    }
}
