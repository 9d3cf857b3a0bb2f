import Foundation
import Testing

/// `huzhu plans check|apply|show|export` from `huzhu init`, as a new union would use them.
@Suite("huzhu plans")
struct PlansCommandTests {
    /// A workspace whose business date is fixed (terms from 2026-07-01).
    func workspace() throws -> (Scratch, URL) {
        let scratch = try Scratch()
        #expect(try CLI.run(["init", "ws", "--operator", "保险办"], in: scratch.url).status == 0)
        let ws = scratch.url.appendingPathComponent("ws")
        let config = ws.appendingPathComponent("huzhu.toml")
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "# today = ", with: "today = ")
        if !text.contains("\ntoday = ") { text = "today = 2026-09-01\n" + text }
        try Data(text.utf8).write(to: config)
        // The standard file for that date.
        let plans = ws.appendingPathComponent("plans.toml")
        let standard = try String(contentsOf: plans, encoding: .utf8)
        try Data(standard.replacingOccurrences(of: "start = 20[0-9][0-9]-07-01", with: "start = 2026-07-01",
                                               options: .regularExpression)
            .replacingOccurrences(of: "label = \"20[0-9][0-9]\"", with: "label = \"2026\"", options: .regularExpression)
            .utf8).write(to: plans)
        return (scratch, ws)
    }

    @Test("check, dry run, apply, apply again, export → apply: nothing changes the second time")
    func applies() throws {
        let (scratch, ws) = try workspace()
        _ = scratch
        let check = try CLI.run(["plans", "check", "plans.toml"], in: ws)
        #expect(check.status == 0 && check.stdout.hasPrefix("plans.toml: 4 plans, 4 terms, valid\nwould: created plan ACC 职工意外伤害互助保障 (accident)\n"))
        let dry = try CLI.run(["plans", "apply", "plans.toml", "--dry-run"], in: ws)
        #expect(dry.status == 0 && dry.stdout.hasSuffix("would: added term CI 2026 (2026-07-01 to 2029-06-30), price 90.00\ndry run: nothing was written\n"))
        #expect(try CLI.run(["plans", "show"], in: ws).stdout.hasPrefix("no plans yet"))
        let apply = try CLI.run(["plans", "apply", "plans.toml"], in: ws)
        #expect(apply.status == 0 && apply.stdout.split(separator: "\n").count == 8)
        #expect(try CLI.run(["plans", "apply", "plans.toml"], in: ws).stdout == "nothing changed\n")
        let export = try CLI.run(["plans", "export", "--out", "exported.toml"], in: ws)
        #expect(export.stdout == "wrote 4 plans to exported.toml\n")
        #expect(try CLI.run(["plans", "apply", "exported.toml"], in: ws).stdout == "nothing changed\n")
        let show = try CLI.run(["plans", "show", "INP"], in: ws)
        #expect(show.stdout.hasPrefix("""
            INP 职工住院医疗互助保障 (inpatient)
              term 2026: 2026-07-01 to 2027-06-30
                price                 36.00
                max_shares            1
            """))
        #expect(show.stdout.contains("    ratio                 70\n") && show.stdout.contains("    refund                before_start\n"))
        let missing = try CLI.run(["plans", "show", "NOPE"], in: ws)
        #expect(missing.status == 1 && missing.stderr == "huzhu: no plan NOPE; `huzhu plans show` lists them\n")
    }

    @Test("a bad file: every problem on stderr with file, plan, term and field, exit 1, nothing written")
    func refusesBadFile() throws {
        let (scratch, ws) = try workspace()
        _ = scratch
        try Data("""
            [[plan]]
            code = "INP"
            name = "住院"
            kind = "inpatient"

            [[plan.term]]
            label = "2026"
            start = 2026-07-01
            years = 1
            price = 40.555
            ratio = 170
            """.utf8).write(to: ws.appendingPathComponent("bad.toml"))
        let result = try CLI.run(["plans", "apply", "bad.toml"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr == """
            huzhu: E430 file bad.toml: plan INP, term 2026: price: expected an amount in yuan such as 36 or 36.50 (at most 2 decimals, at most 100000000), got the number 40.555
            huzhu: nothing was written

            """)
        try Data("""
            [[plan]]
            code = "INP"
            name = "住院"
            kind = "inpatient"

            [[plan.term]]
            label = "2026"
            start = 2026-07-01
            years = 1
            price = 40
            ratio = 170
            """.utf8).write(to: ws.appendingPathComponent("bad.toml"))
        let service = try CLI.run(["plans", "apply", "bad.toml"], in: ws)
        #expect(service.status == 1 && service.stderr == """
            huzhu: E410 plan INP: payment ratio must be 0–10000 basis points (got 17000)
            huzhu: nothing was written

            """)
        #expect(try CLI.run(["plans", "show"], in: ws).stdout.hasPrefix("no plans yet"))
        let unreadable = try CLI.run(["plans", "check", "missing.toml"], in: ws)
        #expect(unreadable.status == 1 && unreadable.stderr.hasPrefix("huzhu: cannot read missing.toml: "))
    }
}
