import Foundation
import Testing

/// The stock reports `arrears` and `statement` on the tiny workspace: BH001's
/// three ACC policies billed 78.00 on 2026-09-30 (due 2026-10-30).
@Suite("Stock reports: arrears (欠费) and statement (缴费通知单)")
struct ArrearsReportTests {
    func billed() throws -> TinyWorkspace {
        let ws = try TinyWorkspace()
        try ws.write("group.lua", "print(huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled)")
        #expect(try CLI.run(["run", "group.lua"], in: ws.url).status == 0)
        return ws
    }

    func report(_ ws: TinyWorkspace, _ arguments: [String]) throws -> String {
        let result = try CLI.run(["report"] + arguments, in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("arrears: each unit's open bills by age band and overdue; nothing owed once paid")
    func arrears() throws {
        let ws = try billed()
        #expect(try CLI.run(["ledger", "receive", "--unit", "BH001", "--amount", "30.00", "--reference", "R1",
                             "--date", "2026-10-05"], in: ws.url).status == 0)
        let text = try report(ws, ["arrears", "--", "2027-01-15"])
        #expect(text.hasPrefix("欠费情况\n"))
        #expect(text.contains("截至2027-01-15"))
        #expect(text.contains("BH001"))
        #expect(text.contains("48.00"))
        let early = try report(ws, ["arrears", "--", "2026-10-10"])
        #expect(early.contains("48.00"))
        #expect(try CLI.run(["ledger", "receive", "--unit", "BH001", "--amount", "48.00", "--reference", "R2",
                             "--date", "2026-10-06"], in: ws.url).status == 0)
        #expect(try report(ws, ["arrears", "--", "2027-01-15"]).contains("没有欠费：所有缴费通知均已结清。"))
    }

    @Test("statement: the unit's open bills, receipts and balance, as printable HTML")
    func statement() throws {
        let ws = try billed()
        #expect(try CLI.run(["ledger", "receive", "--unit", "BH001", "--amount", "30.00", "--reference", "R1",
                             "--date", "2026-10-05"], in: ws.url).status == 0)
        let text = try report(ws, ["statement", "--", "BH001", "2026-10-31"])
        #expect(text.contains("缴费通知单"))
        #expect(text.contains("receipt R1 from BH001"))
        #expect(text.contains("48.00"))
        let out = ws.url.appendingPathComponent("statement.html")
        #expect(try CLI.run(["report", "statement", "--format", "html", "--out", out.path, "--", "BH001"], in: ws.url).status == 0)
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("<table"))
        let missing = try CLI.run(["report", "statement"], in: ws.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("name the unit"))
    }
}
