import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

/// `huzhu.members.register/update/transfer/leave/history` and
/// `huzhu.policies.cancel` (issue 15): the services' checks, codes and
/// audit rows, the script named in them, scope, and --dry-run.
@Suite("huzhu.members life events and huzhu.policies.cancel")
struct LifeEventsAPITests {
    func audit(_ f: ScriptFixture, _ operation: String) throws -> [String] {
        try f.database.read { db in
            try Row.fetchAll(db, sql: "SELECT rowKey, summary, scriptName FROM audit WHERE operation = ? ORDER BY id",
                             arguments: [operation])
                .map { "\($0[0] as String) \($0[1] as String) \(($0[2] as String?) ?? "-")" }
        }
    }

    @Test("register, update, transfer, leave and history; each audited with the script's name")
    func lifeEvents() throws {
        let f = try ScriptFixture()
        let id = TinyCity.residentID(birth: "19910101", sequence: 71)
        let results = try f.run("""
            local m = huzhu.members.register{resident_id = "\(id)", name = "孙七", unit = "BH001", phone = "13812345678",
                                             joined_on = "2021-03-01"}
            local u = huzhu.members.update("\(id)", {phone = false, hardship = true, date = "2026-07-01"})
            local t = huzhu.members.transfer("\(id)", "LY001", {date = "2026-08-01"})
            local r = huzhu.members.leave("\(id)", {reason = "left", date = "2026-09-01"})
            local kinds = {}
            for _, e in ipairs(huzhu.members.history("\(id)")) do
              kinds[#kinds + 1] = e.date .. " " .. e.kind .. " " .. (e.from_unit or "-") .. ">" .. (e.to_unit or "-")
                .. " " .. table.concat(e.changed, "+") .. " " .. (e.script or "-")
            end
            return m.status, u.phone == nil, u.hardship, t.unit, r.member.status, r.member.left_on, #r.cancelled,
                   table.concat(kinds, "; ")
            """, name: "events.lua")
        #expect(results == ["active", true, true, "LY001", "left", "2026-09-01", 0,
                            .string("2021-03-01 registered ->BH001  -; 2026-07-01 updated ->- phone+hardship events.lua; "
                                    + "2026-08-01 transferred BH001>LY001  events.lua; 2026-09-01 left ->-  events.lua")])
        let member = try f.database.read { db in try MemberService().member(db, residentID: id)!.id! }
        #expect(try audit(f, "registerMember").last?.hasSuffix("events.lua") == true)
        #expect(try audit(f, "updateMember") == [#"\#(member) {"hardship":true,"on":"2026-07-01","phone":"removed"} events.lua"#])
        #expect(try audit(f, "transferMember") == [#"\#(member) {"from":"BH001","on":"2026-08-01","unit":"LY001"} events.lua"#])
        #expect(try audit(f, "setMemberStatus") == [#"\#(member) {"on":"2026-09-01","status":"left"} events.lua"#])
    }

    @Test("member refusals: each code, scope E250, and a wrong reason", arguments: [
        ("huzhu.members.register{resident_id = '\(TinyCity.wang)', name = 'x', unit = 'BH001'}",
         "test.lua:1: E302 member 340104********0119: already registered"),
        ("huzhu.members.transfer('\(TinyCity.wang)', 'BH001')", "test.lua:1: E312 member 340104********0119: member is already in unit BH001"),
        ("huzhu.members.transfer('\(TinyCity.wang)', 'NOPE')", "test.lua:1: E208 member 340104********0119: unknown unit NOPE"),
        ("huzhu.members.update('\(TinyCity.wang)', {name = 'x', date = '2026-10-01'})",
         "test.lua:1: E309 member 340104********0119: 2026-10-01 is after today (2026-09-30)"),
        ("huzhu.members.leave('\(TinyCity.wang)', {reason = 'retired', date = '2019-12-31'})",
         "test.lua:1: E308 member 340104********0119: 2019-12-31 is before the join date 2020-01-01"),
        ("huzhu.members.leave('\(TinyCity.wang)', {reason = 'fired'})",
         "test.lua:1: bad argument #2 to 'leave' (option 'reason': 'fired' is not one of left, retired, deceased)"),
        ("huzhu.members.leave('340104198001010000', {reason = 'left'})", "test.lua:1: E305 member 340104********0000: no such member"),
    ])
    func memberRefusals(source: String, message: String) throws {
        let f = try ScriptFixture()
        let got = try f.failure(source)?.message
        #expect(got == message)
        #expect(try f.count("memberEvent") == 0)
    }

    @Test("scope: a run scoped to BH may not transfer into LY nor touch LY's members")
    func scoped() throws {
        let f = try ScriptFixture()
        let transfer = try f.failure("huzhu.members.transfer('\(TinyCity.wang)', 'LY001')", scope: .unit("BH"))?.message
        #expect(transfer == "test.lua:1: E250 member 340104********0119: unit LY001 is outside the scope BH")
        let leave = try f.failure("huzhu.members.leave('\(TinyCity.zhao)', {reason = 'left'})", scope: .unit("BH"))?.message
        #expect(leave == "test.lua:1: E250 member 340103********0441: unit LY001 is outside the scope BH")
        #expect(try f.count("memberEvent") == 0)
    }

    @Test("cancel: the refund, audit row and ledger entry; refusals; a dry run leaves nothing")
    func cancel() throws {
        let f = try ScriptFixture()
        let policy = try f.run("""
            return huzhu.enroll{member = "\(TinyCity.wang)", plan = "ACC", split = {administration = 1000, union = 1000, member = 600}}.id
            """)[0]
        guard case .integer(let id) = policy else { Issue.record("no policy id"); return }
        let dry = try f.run("return huzhu.policies.cancel(\(id), {reason = 'asked', date = '2026-09-30'}).refund_rule",
                            dryRun: true)
        #expect(dry == ["before_start"])
        #expect(try audit(f, "cancelPolicy").isEmpty)
        let noReason = try f.failure("huzhu.policies.cancel(\(id), {date = '2026-09-30'})")?.message
        #expect(noReason == "test.lua:1: E517 policy \(id): a cancellation needs a reason")
        #expect(try f.failure("huzhu.policies.cancel(\(id), {reason = 'x'})", scope: .unit("LY"))?.message
            == "test.lua:1: E250 policy \(id): unit BH001 is outside the scope LY")
        let unknown = try f.failure("huzhu.policies.cancel(999, {reason = 'x'})")?.message
        #expect(unknown == "test.lua:1: E509 policy 999: no such policy 999")
        let results = try f.run("""
            local c = huzhu.policies.cancel(\(id), {reason = "asked", date = "2026-09-30"})
            local p = huzhu.policies.get(\(id))
            return c.cancelled_on, c.refund, c.entry == nil, p.status, p.cancelled_on, p.cancel_reason, p.refund.member
            """, name: "cancel.lua")
        #expect(results == ["2026-09-30", 0, true, "cancelled", "2026-09-30", "asked", 0])
        #expect(try audit(f, "cancelPolicy") == [
            #"\#(id) {"administration":0,"memberShare":0,"on":"2026-09-30","reason":"asked","refund":0,"refundRule":"before_start","status":"cancelled","union":0} cancel.lua"#,
        ])
        let again = try f.failure("huzhu.policies.cancel(\(id), {reason = 'x'})")?.message
        #expect(again == "test.lua:1: E510 policy \(id): policy is cancelled, not active")
        #expect(try f.database.read { db in try LedgerService().check(db).isClean })
    }

    @Test("a dry run of a death, a transfer and an update leaves nothing")
    func dryRun() throws {
        let f = try ScriptFixture()
        try f.run("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}")
        let audits = try f.count("audit")
        let results = try f.run("""
            huzhu.members.update("\(TinyCity.wang)", {name = "王壹"})
            huzhu.members.transfer("\(TinyCity.wang)", "LY001")
            local r = huzhu.members.leave("\(TinyCity.wang)", {reason = "deceased"})
            return #r.cancelled, r.cancelled[1].cancelled_on
            """, dryRun: true)
        #expect(results == [1, "2026-09-30"])
        #expect(try f.count("memberEvent") == 0)
        #expect(try f.count("audit") == audits)
        #expect(try f.run("local m = huzhu.members.get('\(TinyCity.wang)') return m.name, m.unit, m.status, huzhu.policies.get(1).status")
            == ["王一", "BH001", "active", "active"])
    }
}
