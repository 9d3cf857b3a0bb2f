import Foundation
import GRDB
import HuzhuTestSupport
import Testing

/// `huzhu renew` and `huzhu.renew` on the tiny city: 王一, 李二, 张三 (BH001)
/// and 赵四 (LY001) hold ACC 2026; ACC gets a term 2027 and BH001 a 2027
/// headcount of 4 (LY001 has none: its renewal is refused, E513).
@Suite("huzhu renew")
struct RenewCommandTests {
    func prepared() throws -> TinyWorkspace {
        let ws = try TinyWorkspace.appraisalCity()
        try ws.write("next.lua", """
            huzhu.plans.add_term{plan = 'ACC', label = '2027', start = '2027-07-01', years = 1, like = '2026'}
            huzhu.units.set_headcount('BH001', 2027, 4)
            """)
        let next = try CLI.run(["run", "next.lua"], in: ws.url)
        #expect(next.status == 0, "\(next.stderr)")
        return ws
    }

    func masked(_ id: String) -> String { String(id.prefix(6)) + "********" + String(id.suffix(4)) }

    func renewals(_ ws: TinyWorkspace) throws -> Int {
        try DatabaseQueue(path: ws.databasePath).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy WHERE year = 2027")!
        }
    }

    @Test("renews unit by unit, lists each unit's counts and every member skipped (masked); --dry-run leaves nothing")
    func renews() throws {
        let ws = try prepared()
        let policies = try ws.count("policy"), audit = try ws.count("audit")
        let dry = try CLI.run(["renew", "--plan", "ACC", "--to-term", "2027", "--dry-run"], in: ws.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("would renew ACC term 2026 → 2027: 3 policies in 2 units, 1 members skipped\n"))
        #expect(dry.stdout.hasSuffix("dry run: nothing was written\n"))
        #expect(try ws.count("policy") == policies && ws.count("audit") == audit)

        let run = try CLI.run(["renew", "--plan", "ACC", "--to-term", "2027"], in: ws.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == [
            "renewed ACC term 2026 → 2027: 3 policies in 2 units, 1 members skipped",
            "",
            "unit   renewed  skipped",
            "-----  -------  -------  ----------------------------------------------------",
            "BH001  3        0",
            "LY001  0        1        refused: E513 unit LY001: no employee count for 2027",
            "",
            "skipped:",
            "  LY001  E513 member \(masked(TinyCity.zhao)): no employee count for 2027",
            "",
        ])
        #expect(try renewals(ws) == 3)
        #expect(try DatabaseQueue(path: ws.databasePath).read { db in
            try String.fetchAll(db, sql: "SELECT tableName FROM audit WHERE operation = 'renew' ORDER BY id")
        } == ["enrollmentBatch", "policy"])
        let unmasked = try CLI.run(["renew", "--plan", "ACC", "--to-term", "2027", "--unit", "BH", "--unmasked"], in: ws.url)
        #expect(unmasked.stdout.hasPrefix("renewed ACC term 2026 → 2027: 0 policies in 1 units, 3 members skipped\n"))
        #expect(unmasked.stdout.contains("  BH001  E503 member \(TinyCity.wang): already holds a policy in plan ACC term 2027 (overlap)\n"))
        #expect(try renewals(ws) == 3)
    }

    @Test("refusals exit 1 with the reason and write nothing: unknown term, no earlier term, unknown unit")
    func refusals() throws {
        let ws = try prepared()
        let term = try CLI.run(["renew", "--plan", "ACC", "--to-term", "2030"], in: ws.url)
        #expect(term.status == 1)
        #expect(term.stderr.contains("E424"))
        let first = try CLI.run(["renew", "--plan", "ACC", "--to-term", "2026"], in: ws.url)
        #expect(first.status == 1)
        #expect(first.stderr.contains("E530 plan ACC: plan ACC has no term starting before 2026 to renew from"))
        let unit = try CLI.run(["renew", "--plan", "ACC", "--to-term", "2027", "--unit", "XX"], in: ws.url)
        #expect(unit.status == 1)
        #expect(unit.stderr.contains("E208"))
        let usage = try CLI.run(["renew", "--plan", "ACC"], in: ws.url)
        #expect(usage.status == 2)
        #expect(try renewals(ws) == 0)
    }

    @Test("huzhu.renew from Lua: the same result; refused inside a scoped run outside its subtree (E250)")
    func lua() throws {
        let ws = try prepared()
        try ws.write("renew.lua", """
            local r = huzhu.renew{plan = 'ACC', to_term = '2027', unit = 'BH'}
            print(r.from, r.term, r.renewed, r.skipped, #r.units, r.units[1].unit, r.units[1].renewed, #r.units[1].refused)
            """)
        let run = try CLI.run(["run", "renew.lua"], in: ws.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "2026\t2027\t3\t0\t1\tBH001\t3\t0\n")
        try ws.write("outside.lua", "huzhu.renew{plan = 'ACC', to_term = '2027', unit = 'BH'}")
        let outside = try CLI.run(["run", "--unit", "LY", "outside.lua"], in: ws.url)
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("E250"))
        try ws.write("ly.lua", "local r = huzhu.renew{plan = 'ACC', to_term = '2027'} print(r.units[1].unit, r.units[1].refused[1])")
        let scoped = try CLI.run(["run", "--unit", "LY", "--dry-run", "ly.lua"], in: ws.url)
        #expect(scoped.status == 0, "\(scoped.stderr)")
        #expect(scoped.stdout.hasPrefix("LY001\tE513 unit LY001: no employee count for 2027\n"))
        #expect(try renewals(ws) == 3)
    }
}
