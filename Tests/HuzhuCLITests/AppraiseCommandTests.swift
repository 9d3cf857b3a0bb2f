import Foundation
import HuzhuTestSupport
import Testing

extension TinyWorkspace {
    /// Targets from a file with Chinese headers (BH 3 members 78.00, LY 2 and
    /// 52.00), four members enrolled in ACC on the business date
    /// (2026-09-30), the stock appraisal rule in force from 2026-01-01.
    static func appraisalCity() throws -> TinyWorkspace {
        let ws = try TinyWorkspace()
        try ws.write("targets.csv", "单位,年度,参保人数,缴费金额\nBH,2026,3,78\nLY,2026,2,52.00\n")
        let imported = try CLI.run(["import", "targets", "targets.csv"], in: ws.url)
        #expect(imported.status == 0)
        #expect(imported.stdout == "imported 2 targets\n")
        try ws.write("enroll.lua", """
            for _, id in ipairs{'\(TinyCity.wang)', '\(TinyCity.li)', '\(TinyCity.zhang)', '\(TinyCity.zhao)'} do
              huzhu.enroll{member = id, plan = 'ACC'}
            end
            """)
        #expect(try CLI.run(["run", "enroll.lua"], in: ws.url).status == 0)
        #expect(try CLI.run(["rules", "activate", "appraisal", "scripts/rules/appraisal.lua", "--from", "2026-01-01"], in: ws.url).status == 0)
        return ws
    }
}

@Suite("huzhu appraise and huzhu import targets")
struct AppraiseCommandTests {
    func prepared() throws -> TinyWorkspace { try TinyWorkspace.appraisalCity() }

    @Test("the half-year appraisal ranks both districts, ties sharing rank 1; re-running keeps the first run in history")
    func halfYear() throws {
        let ws = try prepared()
        let first = try CLI.run(["appraise", "--level", "district", "--period", "H1", "--year", "2026"], in: ws.url)
        #expect(first.status == 0)
        let lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("半年初评 H1 2026 · district units · as of 2026-06-30 · rule appraisal "))
        #expect(Array(lines[1...]) == [
            "rank  unit  name    score  overdue  participation  target  timeliness  reward",
            "----  ----  ------  -----  -------  -------------  ------  ----------  --------",
            "1     BH    包河区  30.00  10.00    0.00           0.00    20.00       5,000.00",
            "1     LY    庐阳区  30.00  10.00    0.00           0.00    20.00       5,000.00",
            "",
            "stored as run 1: preliminary; rewards: 2 units, 10,000.00 yuan (registered only when a year-end appraisal is confirmed)",
            "",
        ])
        let second = try CLI.run(["appraise", "--level", "district", "--period", "h1", "--year", "2026"], in: ws.url)
        #expect(second.stdout.hasSuffix("stored as run 2 (replaces run 1, kept in history): preliminary; rewards: 2 units, 10,000.00 yuan (registered only when a year-end appraisal is confirmed)\n"))
        let show = try CLI.run(["appraise", "--level", "district", "--period", "H1", "--year", "2026", "--show"], in: ws.url)
        #expect(show.stdout.hasSuffix("runs:\n  2  current  ran 2026-09-30 by 王会计\n  1  superseded  ran 2026-09-30 by 王会计\n"))
        #expect(try ws.count("appraisalResult") == 4)
    }

    @Test("the year-end appraisal: BH 100 points ahead of LY; --confirm locks it and registers the rewards")
    func yearEnd() throws {
        let ws = try prepared()
        let dry = try CLI.run(["appraise", "--level", "district", "--period", "YEAR", "--year", "2026", "--dry-run"], in: ws.url)
        #expect(dry.stdout.contains("""
            1     BH    包河区  98.13  10.00    28.13          40.00   20.00       5,000.00
            2     LY    庐阳区  68.75  10.00    18.75          20.00   20.00       3,000.00
            """))
        #expect(dry.stdout.hasSuffix("dry run: nothing stored (rewards: 2 units, 8,000.00 yuan)\n"))
        #expect(try ws.count("appraisalRun") == 0)
        let final = try CLI.run(["appraise", "--level", "district", "--period", "YEAR", "--year", "2026", "--confirm"], in: ws.url)
        #expect(final.status == 0)
        #expect(final.stdout.hasSuffix("stored as run 1: confirmed, final and locked; rewards: 2 units, 8,000.00 yuan entered in the reward register\n"))
        #expect(try ws.count("reward") == 2)
        let again = try CLI.run(["appraise", "--level", "district", "--period", "YEAR", "--year", "2026"], in: ws.url)
        #expect(again.status == 1)
        #expect(again.stderr == "huzhu: E1005 period: the final appraisal of district units for 2026 was confirmed on 2026-09-30 by 王会计 and is locked\n")
        #expect(try ws.count("appraisalRun") == 1)
    }

    @Test("usage errors name the option; a rule error names the line and stores nothing")
    func errors() throws {
        let ws = try prepared()
        let h1 = try CLI.run(["appraise", "--level", "district", "--period", "H1", "--year", "2026", "--confirm"], in: ws.url)
        #expect(h1.status == 2)
        #expect(h1.stderr.hasPrefix("Error: --confirm: only the year-end appraisal (--period YEAR) is final; a half-year appraisal stays preliminary\nUsage: huzhu appraise"))
        let level = try CLI.run(["appraise", "--level", "city", "--period", "H1", "--year", "2026"], in: ws.url)
        #expect(level.stderr.hasPrefix("Error: --level: 'city' is not one of federation, district, county, industry, enterprise, grassroots\n"))
        let period = try CLI.run(["appraise", "--level", "district", "--period", "Q3", "--year", "2026"], in: ws.url)
        #expect(period.stderr.hasPrefix("Error: --period: 'Q3' is not H1 or YEAR\n"))
        try ws.write("bad.lua", "function score(unit)\n  return unit.code == 'LY' and 1.5 or -2\nend\n")
        let bad = try CLI.run(["appraise", "--level", "district", "--period", "H1", "--year", "2026", "--rule", "bad.lua"], in: ws.url)
        #expect(bad.status == 1)
        #expect(bad.stderr == "huzhu: bad.lua:2: score() for unit BH: the total is -2; a score must be 0 or more\n")
        #expect(try ws.count("appraisalRun") == 0)
        let county = try CLI.run(["appraise", "--level", "county", "--period", "H1", "--year", "2026"], in: ws.url)
        #expect(county.stderr == "huzhu: E1007 level: there are no county units to appraise\n")
    }

    @Test("import targets: every bad row named by line and field, nothing imported; a later file replaces targets")
    func importTargets() throws {
        let ws = try TinyWorkspace()
        try ws.write("bad.csv", "unit,year,members,contributions,plan\nBH,2026,3,78,\nXX,2026,-1,1.234,\nBH,2026,5,10,\nLY,20x6,1,1,NOPE\n")
        let bad = try CLI.run(["import", "targets", "bad.csv"], in: ws.url)
        #expect(bad.status == 1)
        #expect(bad.stderr == """
            bad.csv:3: contributions 1.234: invalid amount "1.234" (expected yuan such as 12, 12.3 or 12.34)
            bad.csv:4: unit BH: duplicate target BH 2026, first at line 2
            bad.csv:5: year 20x6: invalid whole number "20x6"
            huzhu: nothing imported: 3 of 4 rows invalid

            """)
        #expect(try ws.count("target") == 0)
        try ws.write("good.csv", "unit,year,members,contributions,plan\nBH,2026,3,78,\nBH,2026,2,52,ACC\n")
        #expect(try CLI.run(["import", "targets", "good.csv"], in: ws.url).stdout == "imported 2 targets\n")
        try ws.write("again.csv", "unit,year,members,contributions\nBH,2026,4,104\n")
        #expect(try CLI.run(["import", "targets", "again.csv"], in: ws.url).status == 0)
        try ws.write("t.lua", "local t = huzhu.targets.get{unit = 'BH', year = 2026} print(t.members, t.contributions)")
        #expect(try CLI.run(["run", "t.lua"], in: ws.url).stdout == "4\t10400\n")
        #expect(try ws.count("target") == 2)
    }

    @Test("rules test appraisal runs the stock golden cases; a changed candidate shows what differs")
    func goldenCases() throws {
        let ws = try TinyWorkspace()
        let ok = try CLI.run(["rules", "test", "appraisal"], in: ws.url)
        #expect(ok.status == 0)
        #expect(ok.stdout.hasSuffix("5 passed, 0 failed\n"))
        let stock = try String(contentsOf: ws.url.appendingPathComponent("scripts/rules/appraisal.lua"), encoding: .utf8)
        try ws.write("candidate.lua", stock.replacingOccurrences(of: "huzhu.fen(\"3000\")", with: "huzhu.fen(\"3500\")"))
        let changed = try CLI.run(["rules", "test", "appraisal", "--file", "candidate.lua"], in: ws.url)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("""
            FAIL  half the target at the year end
                    appraisal.cases.csv:3: reward: expected 300000, got 350000
            """))
    }

    @Test("explain appraisal shows the rule version, the points, the indicators and the notes")
    func explain() throws {
        let ws = try prepared()
        #expect(try CLI.run(["appraise", "--level", "district", "--period", "YEAR", "--year", "2026"], in: ws.url).status == 0)
        let text = try CLI.run(["explain", "appraisal", "LY", "--level", "district", "--period", "YEAR", "--year", "2026"], in: ws.url)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "年终总评 YEAR 2026 of district units: run 1 (current), as of 2026-12-31, ran 2026-09-30 by 王会计")
        #expect(lines[1] == "  unit LY 庐阳区: rank 2 of 2, score 68.75, reward 3,000.00 yuan")
        #expect(lines[2].hasPrefix("  rule appraisal ") && lines[2].hasSuffix("(in force from 2026-01-01, registered by 王会计)"))
        #expect(Array(lines[3...7]) == ["  points", "    overdue         10.00", "    participation   18.75",
                                        "    target          20.00", "    timeliness      20.00"])
        #expect(lines.contains("    employees                         2"))
        #expect(lines.contains("    target.members_completion         50"))
        #expect(Array(lines.suffix(2)) == ["  notes", "    - 庐阳区 is behind: 50.0% done, 100.0% of the year gone"])
        let missing = try CLI.run(["explain", "appraisal", "XX", "--level", "district", "--period", "YEAR", "--year", "2026"], in: ws.url)
        #expect(missing.stderr.hasPrefix("huzhu: unit XX is not in run 1 (2 district units were appraised)"))
    }
    @Test("--level industry,district ranks both kinds together in a run of its own; explain and the report take the list")
    func combined() throws {
        let ws = try prepared()
        try ws.write("gj.lua", "huzhu.units.create{code = 'GJ', name = '工交工会', kind = 'industry', parent = 'FED'}")
        #expect(try CLI.run(["run", "gj.lua"], in: ws.url).status == 0)
        #expect(try CLI.run(["appraise", "--level", "district", "--period", "H1", "--year", "2026"], in: ws.url).status == 0)
        let both = try CLI.run(["appraise", "--level", "industry,district", "--period", "H1", "--year", "2026"], in: ws.url)
        #expect(both.status == 0, "\(both.stderr)")
        let lines = both.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("半年初评 H1 2026 · district,industry units · as of 2026-06-30 · rule appraisal "))
        #expect(Array(lines[1...]) == [
            "rank  unit  name      score  overdue  participation  target  timeliness  reward",
            "----  ----  --------  -----  -------  -------------  ------  ----------  --------",
            "1     BH    包河区    30.00  10.00    0.00           0.00    20.00       5,000.00",
            "1     GJ    工交工会  30.00  10.00    0.00           0.00    20.00       5,000.00",
            "1     LY    庐阳区    30.00  10.00    0.00           0.00    20.00       5,000.00",
            "",
            "stored as run 2: preliminary; rewards: 3 units, 15,000.00 yuan (registered only when a year-end appraisal is confirmed)",
            "",
        ])
        let single = try CLI.run(["appraise", "--level", "district", "--period", "H1", "--year", "2026", "--show"], in: ws.url)
        #expect(single.stdout.hasSuffix("runs:\n  1  current  ran 2026-09-30 by 王会计\n"))
        let show = try CLI.run(["appraise", "--level", "district,industry", "--period", "H1", "--year", "2026", "--show"], in: ws.url)
        #expect(show.stdout.hasSuffix("runs:\n  2  current  ran 2026-09-30 by 王会计\n"))
        let explain = try CLI.run(["explain", "appraisal", "GJ", "--level", "industry,district", "--period", "H1", "--year", "2026"],
                                  in: ws.url)
        #expect(explain.stdout.hasPrefix("""
            半年初评 H1 2026 of district,industry units: run 2 (current), as of 2026-06-30, ran 2026-09-30 by 王会计
              unit GJ 工交工会: rank 1 of 3, score 30.00, reward 5,000.00 yuan
            """), "\(explain.stdout)\(explain.stderr)")
        let report = try CLI.run(["report", "appraisal", "--lang", "en", "--", "district,industry", "H1", "2026"], in: ws.url)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("units appraised: district,industry"), "\(report.stdout)")
        #expect(report.stdout.contains("As of 2026-06-30, 3 units; preliminary."), "\(report.stdout)")
        let unknown = try CLI.run(["appraise", "--level", "district,city", "--period", "H1", "--year", "2026"], in: ws.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: --level: 'city' is not one of federation, district, county, industry, enterprise, grassroots\nUsage: huzhu appraise"))
        let trailing = try CLI.run(["explain", "appraisal", "GJ", "--level", "district,", "--period", "H1", "--year", "2026"], in: ws.url)
        #expect(trailing.status == 2)
        #expect(trailing.stderr.hasPrefix("Error: --level: '' is not one of federation, district, county, industry, enterprise, grassroots\n"))
        #expect(try ws.count("appraisalRun") == 2)
    }
}
