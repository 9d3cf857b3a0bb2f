import Foundation
import HuzhuTestSupport
import Testing

@Suite("huzhu rules: versions and golden cases")
struct RulesCommandTests {
    @Test("activate registers a version; list marks the one in force; show prints it; enrollments use it")
    func activateListShow() throws {
        let ws = try TinyWorkspace()
        let activated = try CLI.run(["rules", "activate", "subsidy", "scripts/rules/subsidy.lua", "--from", "2026-07-01"], in: ws.url)
        #expect(activated.status == 0)
        let hash = try #require(activated.stdout.split(separator: " ").dropFirst(3).first.map(String.init))
        #expect(activated.stdout == "rule subsidy version \(hash) in force from 2026-07-01\n")
        let later = try CLI.run(["rules", "activate", "subsidy", "scripts/rules/subsidy.lua", "--from", "2027-01-01"], in: ws.url)
        #expect(later.status == 0)
        let list = try CLI.run(["rules", "list"], in: ws.url)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("*  subsidy  \(hash)  2026-07-01  王会计"))   // the business date is 2026-09-30
        #expect(lines[3].hasPrefix("   subsidy  \(hash)  2027-01-01  王会计"))
        let show = try CLI.run(["rules", "show", "subsidy", "--on", "2026-08-01"], in: ws.url)
        #expect(show.stdout.hasPrefix("-- subsidy \(hash), in force from 2026-07-01, registered by 王会计"))
        #expect(show.stdout.contains("function subsidy(e)"))
        try ws.write("e.lua", "local s = huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}.split print(s.administration, s.union, s.member)")
        #expect(try CLI.run(["run", "e.lua"], in: ws.url).stdout == "520\t1300\t780\n")
    }

    @Test("activate refuses a file that does not compile, and a bad date")
    func activateRefuses() throws {
        let ws = try TinyWorkspace()
        try ws.write("bad.lua", "function subsidy(e) return {")
        let bad = try CLI.run(["rules", "activate", "subsidy", "bad.lua", "--from", "2026-07-01"], in: ws.url)
        #expect(bad.status == 1)
        #expect(bad.stderr == "huzhu: bad.lua does not compile: bad.lua:1: unexpected symbol near <eof>\n")
        let date = try CLI.run(["rules", "activate", "subsidy", "bad.lua", "--from", "2026-13-01"], in: ws.url)
        #expect(date.status == 2)
        #expect(date.stderr.hasPrefix("Error: --from must be a date YYYY-MM-DD (got 2026-13-01)"))
    }

    @Test("rules test runs the stock cases; a changed candidate shows each difference and exits 1")
    func goldenCases() throws {
        let ws = try TinyWorkspace()
        let ok = try CLI.run(["rules", "test"], in: ws.url)
        #expect(ok.status == 0)
        #expect(ok.stdout.hasSuffix("8 passed, 0 failed\n"))
        let stock = try String(contentsOf: ws.url.appendingPathComponent("scripts/rules/subsidy.lua"), encoding: .utf8)
        try ws.write("candidate.lua", stock.replacingOccurrences(of: "huzhu.fen(\"30\")", with: "huzhu.fen(\"31\")"))
        let changed = try CLI.run(["rules", "test", "--file", "candidate.lua"], in: ws.url)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("""
            FAIL  critical illness 90 yuan: union capped at 30
                    subsidy.cases.csv:5: union: expected 3000, got 3100
                    subsidy.cases.csv:5: member: expected 4200, got 4100
            """))
        #expect(changed.stdout.hasSuffix("7 passed, 1 failed\n"))
    }

    @Test("imported policies are split by the subsidy rule in force, like any enrollment")
    func importUsesRule() throws {
        let ws = try TinyWorkspace()
        #expect(try CLI.run(["rules", "activate", "subsidy", "scripts/rules/subsidy.lua", "--from", "2026-07-01"], in: ws.url).status == 0)
        try ws.write("policies.csv", "resident_id,plan,shares\n\(TinyCity.wang),ACC,1\n\(TinyCity.li),ACC,1\n")
        let imported = try CLI.run(["import", "policies", "policies.csv"], in: ws.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        try ws.write("show.lua", """
            for p in huzhu.policies.each() do print(p.member:sub(-4), p.split.administration, p.split.union, p.split.member) end
            """)
        // 王一: 5.20 / 13.00 / 7.80; 李二 (hardship): 5.20 / 20.80 / 0.
        #expect(try CLI.run(["run", "show.lua"], in: ws.url).stdout
                == "\(TinyCity.wang.suffix(4))\t520\t1300\t780\n\(TinyCity.li.suffix(4))\t520\t2080\t0\n")
    }

    @Test("replay runs a candidate over a year's decisions, writes nothing, and reports the money moved")
    func replay() throws {
        let ws = try TinyWorkspace()
        #expect(try CLI.run(["rules", "activate", "subsidy", "scripts/rules/subsidy.lua", "--from", "2026-07-01"], in: ws.url).status == 0)
        try ws.write("enroll.lua", "huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}")
        #expect(try CLI.run(["run", "enroll.lua"], in: ws.url).status == 0)
        let stock = try String(contentsOf: ws.url.appendingPathComponent("scripts/rules/subsidy.lua"), encoding: .utf8)
        try ws.write("candidate.lua", stock.replacingOccurrences(of: "huzhu.share(c, 20, 100)", with: "huzhu.share(c, 30, 100)"))
        let before = try ws.count("audit")
        let result = try CLI.run(["rules", "replay", "subsidy", "candidate.lua", "--year", "2026"], in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        // Administration 30% instead of 20% of 26.00: +2.60 each for 3 policies; the union gives 2.60 back
        // for the hardship member 李二 (who pays nothing either way); the two others pay 2.60 less each.
        let mask = { (id: String) in String(id.prefix(6)) + "********" + String(id.suffix(4)) }
        #expect(result.stdout == """
            replayed 3 subsidy decisions of 2026 with candidate.lua: 3 would change
            money moved: administration +7.80, union -2.60, member -5.20 yuan

            policy  member              before (admin/union/member)  after
            ------  ------------------  ---------------------------  ---------------
            1       \(mask(TinyCity.wang))  5.20/13.00/7.80              7.80/13.00/5.20
            2       \(mask(TinyCity.li))  5.20/20.80/0.00              7.80/18.20/0.00
            3       \(mask(TinyCity.zhang))  5.20/13.00/7.80              7.80/13.00/5.20

            """)
        #expect(try ws.count("audit") == before)   // nothing written
    }

    @Test("apply re-splits a year's policies with the rule in force: dry run writes nothing, --unit limits it, the books agree")
    func apply() throws {
        let ws = try TinyWorkspace()
        let none = try CLI.run(["rules", "apply", "subsidy", "--year", "2026"], in: ws.url)
        #expect(none.status == 1)
        #expect(none.stderr == "huzhu: rule subsidy has no version in force on 2026-09-30; activate one with `huzhu rules activate`\n")
        let other = try CLI.run(["rules", "apply", "benefit", "--year", "2026"], in: ws.url)
        #expect(other.stderr.hasPrefix("Error: rules apply knows the subsidy rule only (got benefit)"))
        // No rule yet: the five members of BH001 and LY001 each pay all 26.00.
        try ws.write("enroll.lua", "huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'} huzhu.enroll_unit{unit = 'LY001', plan = 'ACC'}")
        #expect(try CLI.run(["run", "enroll.lua"], in: ws.url).status == 0)
        let activated = try CLI.run(["rules", "activate", "subsidy", "scripts/rules/subsidy.lua", "--from", "2026-07-01"], in: ws.url)
        let hash = try #require(activated.stdout.split(separator: " ").dropFirst(3).first.map(String.init))

        let before = try ws.count("audit")
        let dry = try CLI.run(["rules", "apply", "subsidy", "--year", "2026", "--dry-run"], in: ws.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        // Administration 5 × 5.20; union 4 × 13.00 + 20.80 (李二, hardship, pays nothing); members 4 × 7.80 instead of 5 × 26.00.
        #expect(dry.stdout == """
            would apply subsidy version \(hash) (in force on 2026-09-30) to 5 active policies of 2026: 5 changed
            money moved: administration +26.00, union +72.80, member -98.80 yuan
            dry run: nothing was written

            """)
        #expect(try ws.count("audit") == before)
        #expect(try ws.count("decision") == 5)   // enrollment's only

        let scoped = try CLI.run(["rules", "apply", "subsidy", "--year", "2026", "--unit", "LY001"], in: ws.url)
        #expect(scoped.stdout == """
            applied subsidy version \(hash) (in force on 2026-09-30) to 2 active policies of 2026 of unit LY001: 2 changed
            money moved: administration +10.40, union +26.00, member -36.40 yuan

            """)
        let all = try CLI.run(["rules", "apply", "subsidy", "--year", "2026"], in: ws.url)
        #expect(all.stdout == """
            applied subsidy version \(hash) (in force on 2026-09-30) to 5 active policies of 2026: 3 changed
            money moved: administration +15.60, union +46.80, member -62.40 yuan

            """)
        #expect(try ws.count("decision") == 10)
        let check = try CLI.run(["ledger", "check"], in: ws.url)
        #expect(check.status == 0, "\(check.stdout)")
        let again = try CLI.run(["rules", "apply", "subsidy", "--year", "2026"], in: ws.url)
        #expect(again.stdout.hasSuffix("5 active policies of 2026: 0 changed\nmoney moved: administration 0.00, union 0.00, member 0.00 yuan\n"))
        #expect(try ws.count("decision") == 10)
    }
}
