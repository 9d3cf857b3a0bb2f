import Foundation
import HuzhuTestSupport
import Testing

@Suite("The stock overdue-claims job")
struct OverdueClaimsJobTests {
    @Test("it lists claims waiting too long at one step, longest first, and saves its report")
    func listsOverdue() throws {
        let ws = try TinyWorkspace()   // business date 2026-09-30
        // Enroll on 2026-07-01 (cover from then), report one claim on 07-12 and one on 09-02,
        // then come back to the business date 2026-09-30.
        let toml = ws.url.appendingPathComponent("huzhu.toml")
        let settings = try String(contentsOf: toml, encoding: .utf8)
        func on(_ date: String, run script: String) throws {
            try settings.replacingOccurrences(of: "today = \"2026-09-30\"", with: "today = \"\(date)\"")
                .write(to: toml, atomically: true, encoding: .utf8)
            try ws.write("step.lua", script)
            let step = try CLI.run(["run", "step.lua"], in: ws.url)
            #expect(step.status == 0)
            #expect(step.stderr == "")
        }
        try on("2026-07-01", run: "huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'} huzhu.enroll{member = '\(TinyCity.zhao)', plan = 'ACC'}")
        try on("2026-07-12", run: "huzhu.claims.report{member = '\(TinyCity.wang)', plan = 'ACC', kind = 'accident', incident = '2026-07-10', admission = '2026-07-10', discharge = '2026-07-11', total = 100000}")
        try on("2026-09-02", run: "huzhu.claims.report{member = '\(TinyCity.zhao)', plan = 'ACC', kind = 'accident', incident = '2026-09-01', admission = '2026-09-01', discharge = '2026-09-01', total = 50000}")
        try settings.write(to: toml, atomically: true, encoding: .utf8)
        let result = try CLI.run(["schedule", "run", "overdue-claims"], in: ws.url)
        #expect(result.status == 0)
        // Claim 1 has waited since 2026-07-12: 80 days; claim 2 since 2026-09-02: 28 days, under 30.
        let expected = """
            Overdue claims on 2026-09-30: waiting more than 30 days at one step

            claim\tplan\tunit\tstatus\tsince\tdays
            1\tACC\tBH001\treported\t2026-07-12\t80

            1 overdue claim

            """
        #expect(result.stdout == expected)
        // Saved as reports/overdue-claims-{date}.txt ({date}: the day the job ran).
        let reports = try FileManager.default.contentsOfDirectory(atPath: ws.url.appendingPathComponent("reports").path)
        #expect(reports.count == 1 && reports[0].hasPrefix("overdue-claims-"), "\(reports)")
        let saved = try String(contentsOf: ws.url.appendingPathComponent("reports/\(reports[0])"), encoding: .utf8)
        #expect(saved == expected)
        let shorter = try CLI.run(["run", "scripts/jobs/overdue-claims.lua", "10"], in: ws.url)
        #expect(shorter.stdout.contains("2\tACC\tLY001\treported\t2026-09-02\t28\n"))
        #expect(shorter.stdout.hasSuffix("2 overdue claims\n"))
    }
}
