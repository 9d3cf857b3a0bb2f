import Foundation
import Testing

/// `huzhu policies cancel` and `huzhu import member-changes` through the
/// built binary, from `huzhu init` (issue 15, items 1–2).
@Suite("huzhu policies cancel and huzhu import member-changes")
struct LifeEventsCommandTests {
    static let man = "340104198001011234"
    static let woman = "340104199006150027"
    static let other = "340104198503030216"

    /// A workspace on 2026-09-01 with the standard plans (ACC refunds pro rata
    /// and ends a leaver's cover with a refund), units FED > BH > BH001, BH002
    /// and FED > LY > LY001, three members and their ACC policies (1: man,
    /// 2: woman, both in BH001; 3: other in LY001), split 10.00 / 10.00 / 6.00.
    func workspace() throws -> (Scratch, URL) {
        let scratch = try Scratch()
        #expect(try CLI.run(["init", "ws", "--operator", "保险办"], in: scratch.url).status == 0)
        let ws = scratch.url.appendingPathComponent("ws")
        let config = ws.appendingPathComponent("huzhu.toml")
        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "# today = \"2026-09-30\"", with: "today = \"2026-09-01\"")
        if !text.contains("\ntoday = ") { text = "today = \"2026-09-01\"\n" + text }
        try Data(text.utf8).write(to: config)
        let plans = ws.appendingPathComponent("plans.toml")
        let standard = try String(contentsOf: plans, encoding: .utf8)
        try Data(standard.replacingOccurrences(of: "start = 20[0-9][0-9]-07-01", with: "start = 2026-07-01", options: .regularExpression)
            .replacingOccurrences(of: "label = \"20[0-9][0-9]\"", with: "label = \"2026\"", options: .regularExpression)
            .replacingOccurrences(of: "refund = \"before_start\"      #", with: "refund = \"pro_rata\"      #")
            .replacingOccurrences(of: "leaving = \"keep\"             #", with: "leaving = \"end_with_refund\"  #")
            .utf8).write(to: plans)
        let apply = try CLI.run(["plans", "apply", "plans.toml"], in: ws)
        #expect(apply.status == 0, "\(apply.stderr)")
        try scratch.write("units.csv", """
            code,name,kind,parent,employees,year
            FED,市总工会,federation,,,
            BH,包河区总工会,district,FED,,
            LY,庐阳区总工会,district,FED,,
            BH001,燃气集团工会,grassroots,BH,40,2026
            BH002,包河小学工会,grassroots,BH,40,2026
            LY001,庐阳医院工会,grassroots,LY,40,2026
            """)
        #expect(try CLI.run(["import", "units", "../units.csv"], in: ws).status == 0)
        try scratch.write("ws/setup.lua", """
            huzhu.members.register{resident_id = "\(Self.man)", name = "张三", unit = "BH001", joined_on = "2010-01-01"}
            huzhu.members.register{resident_id = "\(Self.woman)", name = "李四", unit = "BH001", joined_on = "2010-01-01"}
            huzhu.members.register{resident_id = "\(Self.other)", name = "王五", unit = "LY001", joined_on = "2010-01-01"}
            for _, id in ipairs{"\(Self.man)", "\(Self.woman)", "\(Self.other)"} do
              huzhu.enroll{member = id, plan = "ACC", split = {administration = 1000, union = 1000, member = 600}}
            end
            """)
        let setup = try CLI.run(["run", "setup.lua"], in: ws)
        #expect(setup.status == 0, "\(setup.stderr)")
        return (scratch, ws)
    }

    func lua(_ ws: URL, _ source: String) throws -> String {
        let file = ws.appendingPathComponent("probe.lua")
        try Data(source.utf8).write(to: file)
        let result = try CLI.run(["run", "probe.lua"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("policies cancel: --dry-run writes nothing; the refund shared back and posted; the books check clean; refusals exit 1")
    func cancel() throws {
        let (scratch, ws) = try workspace()
        _ = scratch
        let dry = try CLI.run(["policies", "cancel", "1", "--reason", "换单位", "--dry-run"], in: ws)
        #expect(dry.status == 0 && dry.stderr == "")
        #expect(dry.stdout == """
            would cancel policy 1 (ACC 2026): covered to 2026-09-01, reason: 换单位
            refund (pro_rata): 25.91 = administration 9.97 + union 9.96 + member 5.98, ledger entry 4
            dry run: nothing was written

            """)
        #expect(try lua(ws, "print(huzhu.policies.get(1).status, #huzhu.ledger.check())\n") == "active\t0\n")
        let done = try CLI.run(["policies", "cancel", "1", "--date", "2026-09-01", "--reason", "换单位"], in: ws)
        #expect(done.stdout == """
            cancelled policy 1 (ACC 2026): covered to 2026-09-01, reason: 换单位
            refund (pro_rata): 25.91 = administration 9.97 + union 9.96 + member 5.98, ledger entry 4

            """)
        #expect(try CLI.run(["ledger", "check"], in: ws).status == 0)
        #expect(try lua(ws, "local p = huzhu.policies.get(1) print(p.status, p.cancelled_on, p.refund.member)\n")
            == "cancelled\t2026-09-01\t598\n")
        let again = try CLI.run(["policies", "cancel", "1", "--reason", "x"], in: ws)
        #expect(again.status == 1)
        #expect(again.stderr == "huzhu: E510 policy 1: policy is cancelled, not active\nhuzhu: nothing was written\n")
        let scoped = try CLI.run(["policies", "cancel", "3", "--reason", "x", "--unit", "BH"], in: ws)
        #expect(scoped.status == 1)
        #expect(scoped.stderr == "huzhu: E250 policy 3: unit LY001 is outside the scope BH\nhuzhu: nothing was written\n")
        let noReason = try CLI.run(["policies", "cancel", "2", "--reason", ""], in: ws)
        #expect(noReason.stderr == "huzhu: E517 policy 2: a cancellation needs a reason\nhuzhu: nothing was written\n")
        let badDate = try CLI.run(["policies", "cancel", "2", "--reason", "x", "--date", "2026-13-01"], in: ws)
        #expect(badDate.status == 2)
        let missing = try CLI.run(["policies", "cancel", "2"], in: ws)
        #expect(missing.status == 2 && missing.stderr.contains("--reason"))
    }

    @Test("import member-changes: Chinese headers, a transfer, a leaver (refund by the term's leaving rule), a death; atomic; --skip-invalid")
    func memberChanges() throws {
        let (scratch, ws) = try workspace()
        try scratch.write("bad.csv", """
            身份证号,变更,日期,单位,电话
            \(Self.man),调动,2026-08-15,BH002,
            \(Self.woman),辞退,2026-08-20,,
            \(Self.other),调动,2026-08-20,,
            """)
        let bad = try CLI.run(["import", "member-changes", "../bad.csv"], in: ws)
        #expect(bad.status == 1)
        #expect(bad.stderr == """
            bad.csv:3: change 辞退: unknown change "辞退" (expected one of update, transfer, left, retired, deceased (变更, 调动, 离职, 退休, 身故))
            bad.csv:4: unit: change 调动 needs unit
            huzhu: nothing imported: 2 of 3 rows invalid

            """)
        #expect(try lua(ws, "print(huzhu.members.get('\(Self.man)').unit)\n") == "BH001\n")

        try scratch.write("changes.csv", """
            身份证号,变更,日期,单位,电话,困难职工
            \(Self.man),调动,2026-08-15,BH002,,
            \(Self.man),变更,2026-08-20,,13812345678,是
            \(Self.woman),离职,2026-09-01,,,
            \(Self.other),身故,2026-09-01,,,
            \(Self.other),调动,2026-09-01,LY001,,
            """)
        let skipped = try CLI.run(["import", "member-changes", "--skip-invalid", "--rejects", "../rejects.csv", "../changes.csv"], in: ws)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.hasPrefix("imported 4 member-changes"))
        let rejects = try String(contentsOf: scratch.url.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("\(Self.other),调动,2026-09-01,LY001,,"))
        #expect(rejects.contains("member is deceased since 2026-09-01"))
        #expect(try lua(ws, """
            local m = huzhu.members.get('\(Self.man)')
            local w = huzhu.policies.get(2)
            local o = huzhu.policies.get(3)
            print(m.unit, m.hardship, huzhu.policies.get(1).unit, w.status, w.cancelled_on, w.refund.member, o.status, o.cancelled_on,
                  huzhu.members.get('\(Self.other)').status, #huzhu.members.history('\(Self.man)'))
            """) == "BH002\ttrue\tBH001\tcancelled\t2026-09-01\t598\tcancelled\t2026-09-01\tdeceased\t3\n")
        #expect(try CLI.run(["ledger", "check"], in: ws).status == 0)
        let doctor = try CLI.run(["doctor"], in: ws)
        #expect(doctor.status == 0, "\(doctor.stdout)")
    }
}
