import HuzhuValues
import HuzhuReport
import Testing

@Suite("Personal data is masked unless unmasked")
struct MaskingTests {
    static func report() throws -> Report {
        var report = Report(title: "名单")
        var table = try ReportTable(columns: [
            ReportColumn(key: "id", label: "身份证号", type: .residentID),
            ReportColumn(key: "phone", label: "电话", type: .phone),
        ])
        try table.append([.text("340104198001011234"), .text("13812345678")])
        report.add(table)
        return report
    }

    @Test("masked by default in every format", arguments: ReportFormat.allCases)
    func masked(format: ReportFormat) throws {
        // Markdown escapes the stars (`340104\*…`) so they never read as emphasis.
        let text = format.render(try Self.report()).replacingOccurrences(of: "\\", with: "")
        #expect(text.contains("340104********1234"))
        #expect(text.contains("138****5678"))
        #expect(!text.contains("340104198001011234"))
        #expect(!text.contains("13812345678"))
    }

    @Test("in full when unmasked; CSV writes the ID as Excel text so all 18 digits survive")
    func unmasked() throws {
        let options = RenderOptions(unmasked: true)
        let text = ReportFormat.text.render(try Self.report(), options: options)
        #expect(text.contains("340104198001011234  13812345678"))
        let csv = ReportFormat.csv.render(try Self.report(), options: options)
        #expect(csv.hasSuffix("身份证号,电话\r\n\"=\"\"340104198001011234\"\"\",13812345678\r\n"))
    }
}
