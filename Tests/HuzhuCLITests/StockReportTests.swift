import Foundation
import HuzhuTestSupport
import Testing

/// The stock reports of scripts/reports/ on the tiny city: BH001 (4
/// employees) has 王一, 李二, 张三 enrolled in ACC, LY001 (2) has 赵四; BH's
/// target is 3 members and 78.00, LY's 2 and 52.00; the year-end appraisal
/// is confirmed. Business date 2026-09-30.
@Suite("Stock reports")
struct StockReportTests {
    static func city() throws -> TinyWorkspace {
        let ws = try TinyWorkspace.appraisalCity()
        #expect(try CLI.run(["appraise", "--level", "district", "--period", "YEAR", "--year", "2026", "--confirm"], in: ws.url).status == 0)
        return ws
    }

    func lines(_ ws: TinyWorkspace, _ arguments: [String]) throws -> [String] {
        let result = try CLI.run(["report"] + arguments, in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("participation: employees, members covered, the rate and members per plan, by district, with the city's figures")
    func participation() throws {
        let ws = try Self.city()
        let text = try lines(ws, ["participation"])
        #expect(text[0] == "职工互助保障参保情况")
        #expect(text[2] == "2026年，截至2026-09-30")
        #expect(text[5...9] == [
            "单位    职工人数  参保人数  参保率  意外伤害  女职工特殊疾病  缴费金额",
            "------  --------  --------  ------  --------  --------------  --------",
            "包河区         4         3  75.00%         3               0     78.00",
            "庐阳区         2         1  50.00%         1               0     26.00",
            "------  --------  --------  ------  --------  --------------  --------",
        ])
        #expect(text.contains("参保率     66.67%"))
        let en = try lines(ws, ["participation", "--lang", "en"])
        #expect(en[0] == "Participation and coverage")
    }

    @Test("target progress: completion against the year gone (时间过半、任务过半), and the date reached")
    func targetProgress() throws {
        let ws = try Self.city()
        let text = try lines(ws, ["target-progress", "--", "2026-09-30"])
        // 2026-09-30 is day 273 of 365: 74.79% of the year gone.
        #expect(text.contains("包河区         3       3     78.00   78.00  100.00%    74.79%  达到进度  2026-09-30"))
        #expect(!text.contains { $0.hasPrefix("合计") })   // no total: a federation's target would count twice
        #expect(text.contains { $0.hasPrefix("庐阳区         2       1     52.00   26.00   50.00%    74.79%  落后进度") })
        #expect(text.contains("时间过半、任务过半：1个单位达到进度，1个单位落后。"))
        let bad = try CLI.run(["report", "target-progress", "--", "30/09/2026"], in: ws.url)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("the date must be YYYY-MM-DD (got \"30/09/2026\")"))
    }

    @Test("appraisal: the confirmed ranking with points and the reward register")
    func appraisal() throws {
        let ws = try Self.city()
        let text = try lines(ws, ["appraisal", "--", "district", "YEAR", "2026"])
        #expect(text[0] == "2026年度年终总评")
        #expect(text.contains("截至2026-12-31，共2个单位；已确认（最终）。"))
        #expect(text.contains { $0.hasPrefix("   1  包河区  98.13") && $0.hasSuffix("5,000.00") })
        #expect(text.contains { $0.hasPrefix("合计") && $0.hasSuffix("8,000.00") })
        let h1 = try lines(ws, ["appraisal", "--", "district", "H1", "2026"])
        #expect(h1.contains("尚未进行2026年度半年初评（huzhu appraise --level district --period H1 --year 2026）。"))
    }

    @Test("claims timeliness and the overdue list, resident IDs masked unless --unmasked")
    func claimsTimeliness() throws {
        let ws = try Self.city()
        // The policies start on 2026-09-30: report a claim on 2026-10-05 and look on 2026-11-30.
        let toml = ws.url.appendingPathComponent("huzhu.toml")
        let settings = try String(contentsOf: toml, encoding: .utf8)
        func on(_ date: String) throws {
            try settings.replacingOccurrences(of: "today = \"2026-09-30\"", with: "today = \"\(date)\"")
                .write(to: toml, atomically: true, encoding: .utf8)
        }
        try on("2026-10-05")
        try ws.write("claim.lua", "huzhu.claims.report{member = '\(TinyCity.wang)', plan = 'ACC', kind = 'accident', incident = '2026-10-02', admission = '2026-10-02', discharge = '2026-10-03', total = 100000}")
        let reported = try CLI.run(["run", "claim.lua"], in: ws.url)
        #expect(reported.status == 0, "\(reported.stderr)")
        try on("2026-11-30")
        let text = try lines(ws, ["claims-timeliness"])
        #expect(text[2] == "2026年1月1日至2026-11-30")
        #expect(text.contains("包河区     1       0      0.00  –         –           1"))
        let masked = TinyCity.wang.prefix(6) + "********" + TinyCity.wang.suffix(4)
        #expect(text.contains { $0.contains(String(masked)) && $0.contains("2026-10-05") && $0.hasSuffix("56") })   // 56 days by 11-30
        let unmasked = try lines(ws, ["claims-timeliness", "--unmasked"])
        #expect(unmasked.contains { $0.contains(TinyCity.wang) })
    }

    @Test("peer cities beside the city's own totals; the annual summary; HTML and CSV of the same report")
    func peersSummaryFormats() throws {
        let ws = try Self.city()
        let peers = try lines(ws, ["peer-cities"])
        #expect(peers.contains("市总工会         4         104.00     26.00"))
        #expect(peers.contains("北京       800,000  36,000,000.00     45.00"))
        #expect(peers.contains("成都       507,000  10,000,000.00     19.72"))
        let summary = try lines(ws, ["annual-summary", "--lang", "en"])
        #expect(summary[0] == "Mutual-aid programme: 2026 summary")
        #expect(summary.contains("The books balance and agree with the policies and claims."))
        let out = ws.url.appendingPathComponent("summary.html")
        #expect(try CLI.run(["report", "annual-summary", "--format", "html", "--out", out.path], in: ws.url).status == 0)
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("2026年度职工互助保障工作总结"))
        let csv = try CLI.run(["report", "peer-cities", "--format", "csv"], in: ws.url)
        #expect(csv.stdout.hasPrefix("\u{FEFF}"))
        #expect(csv.stdout.contains("北京,800000,36000000.00,45.00"))
    }

    @Test("the annual summary counts a policy in the year its term starts: 王一's renewal for 2027 is not 2026's money")
    func annualSummaryProgrammeYear() throws {
        let ws = try Self.city()
        try ws.write("renew.lua", """
            huzhu.plans.add_term{plan = 'ACC', label = '2027', start = '2027-07-01', years = 1, like = '2026'}
            huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC', term = '2027'}
            """)
        let renewed = try CLI.run(["run", "renew.lua"], in: ws.url)
        #expect(renewed.status == 0, "\(renewed.stderr)")
        let summary = try lines(ws, ["annual-summary", "--lang", "en"])
        #expect(summary.contains { $0.hasPrefix("Contributions") && $0.hasSuffix(" ¥104.00") }, "\(summary)")
        #expect(summary.contains { $0.hasPrefix("Members ") && $0.hasSuffix(" ¥104.00") }, "\(summary)")
    }

    @Test("the stock jobs: the monthly target-progress page and the half-year appraisal on 07-01")
    func stockJobs() throws {
        let ws = try TinyWorkspace.appraisalCity()
        let progress = try CLI.run(["schedule", "run", "target-progress"], in: ws.url)
        #expect(progress.status == 0, "\(progress.stderr)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: ws.url.appendingPathComponent("reports").path)
        #expect(reports.count == 1 && reports[0].hasPrefix("target-progress-") && reports[0].hasSuffix(".html"), "\(reports)")
        let page = try String(contentsOf: ws.url.appendingPathComponent("reports/\(reports[0])"), encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("目标任务完成进度") && page.contains("落后进度"))
        let appraisal = try CLI.run(["schedule", "run", "half-year-appraisal"], in: ws.url)
        #expect(appraisal.status == 0, "\(appraisal.stderr)")
        #expect(appraisal.stdout.hasPrefix("半年初评 H1 2026: 2 district,county,industry units, as of 2026-06-30\nrank\tunit\tname\tscore\treward\n1\tBH\t包河区\t30.00\t5000.00\n"))
        #expect(try ws.count("appraisalRun") == 1)
        let again = try CLI.run(["run", "scripts/jobs/half-year-appraisal.lua"], in: ws.url)
        #expect(again.status == 0)
        #expect(try ws.count("appraisalRun") == 2)   // the earlier run kept in history
        try ws.write("confirm.lua", "huzhu.appraisal.run{level = 'district', period = 'H1', year = 2026, confirm = true}")
        let confirm = try CLI.run(["run", "confirm.lua"], in: ws.url)
        #expect(confirm.stderr.hasPrefix("huzhu: confirm.lua:1: bad argument #1 to 'run' (option 'confirm': only the year-end appraisal (period YEAR) is final)"))
    }
}
