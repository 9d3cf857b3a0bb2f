import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

extension ScriptFixture {
    /// Registers `text` as the appraisal rule from 2026-01-01.
    func activateAppraisal(_ text: String) throws {
        try database.write { db in
            _ = try RuleService().activate(db, name: "appraisal", text: text, sha256: ScriptRunner.sha256(text),
                                           effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!, context: TinyCity.context())
        }
    }

    static var stockAppraisal: String {
        get throws { try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/stock/rules/appraisal.lua"), encoding: .utf8) }
    }

    /// 王一, 李二, 张三 (BH001, 4 employees) and 赵四 (LY001, 2 employees) in ACC, 26.00 each, the member paying;
    /// BH's 2026 target: 3 members, 78.00.
    func enrollForAppraisal() throws {
        try run("""
            for _, id in ipairs{'\(TinyCity.wang)', '\(TinyCity.li)', '\(TinyCity.zhang)', '\(TinyCity.zhao)'} do
              huzhu.enroll{member = id, plan = 'ACC'}
            end
            huzhu.targets.set{unit = 'BH', year = 2026, members = 3, contributions = 7800}
            """)
    }

    func appraise(_ period: AppraisalPeriod = .year, confirm: Bool = false, candidate: AppraisalRunner.Candidate? = nil) throws -> AppraisalOutcome {
        try AppraisalRunner.run(runner: try runner(), database: database, level: [.district], period: period, year: 2026,
                                confirm: confirm, candidate: candidate)
    }

    func appraisalError(_ body: String) throws -> String? {
        try activateAppraisal(body)
        do {
            _ = try appraise()
            return nil
        } catch {
            return "\(error)"
        }
    }
}

@Suite("Appraisal rules")
struct AppraisalRuleTests {
    @Test("the stock rule at the year end: BH 98.13 (target 40, participation 28.125, timeliness 20, overdue 10), LY 48.75; rewards 5,000 and 3,000")
    func stockRule() throws {
        let f = try ScriptFixture()
        try f.enrollForAppraisal()
        try f.activateAppraisal(try ScriptFixture.stockAppraisal)
        let outcome = try f.appraise(confirm: true)
        #expect(outcome.results.map(\.unit.code) == ["BH", "LY"])
        #expect(outcome.results.map(\.score.total) == [98.13, 48.75])
        #expect(outcome.results[0].score.breakdown == ["target": 40, "participation": 28.125, "timeliness": 20, "overdue": 10])
        #expect(outcome.results[1].score.notes == ["庐阳区 has no target for 2026"])
        #expect(outcome.results.map(\.reward.fen) == [500_000, 300_000])
        #expect(outcome.run.ruleVersionID != nil)
        #expect(outcome.run.ruleSHA256 == ScriptRunner.sha256(try ScriptFixture.stockAppraisal))
        let results = try f.run("""
            local r = huzhu.appraisal.results{level = 'district', period = 'YEAR', year = 2026}
            local rewards = huzhu.appraisal.rewards(2026)
            return #r, r[1].unit, r[1].rank, r[1].score, r[1].breakdown.target, r[1].indicators.employees, r[2].notes[1],
                   r[1].status, #rewards, rewards[1].amount
            """)
        #expect(results == [2, "BH", 1, 98.13, .number(40), 4, "庐阳区 has no target for 2026", "confirmed", 2, 500_000])
        let audit = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT operation FROM audit WHERE tableName IN ('appraisalRun', 'reward') ORDER BY id")
        }
        #expect(audit == ["confirmAppraisal", "registerReward", "registerReward"])
    }

    @Test("every wrong result of score() or reward() is refused with its own message, and nothing is stored", arguments: [
        ("function score() return nil end",
         "rules/appraisal.lua:1: score() for unit BH: returned nothing, expected a total (a number) and a table of points per indicator"),
        ("function score() return 'ten' end", "rules/appraisal.lua:1: score() for unit BH: the total is a string, expected a number"),
        ("function score() return 0/0 end", "rules/appraisal.lua:1: score() for unit BH: the total is nan, not a number"),
        ("function score() return -1 end", "rules/appraisal.lua:1: score() for unit BH: the total is -1; a score must be 0 or more"),
        ("function score() return 1, 'x' end",
         "rules/appraisal.lua:1: score() for unit BH: the breakdown is a string, expected a table of points per indicator"),
        ("function score() return 1, {a = true} end", "rules/appraisal.lua:1: score() for unit BH: breakdown 'a' is a boolean, expected a number"),
        ("function score() return 1 end function reward() return 0.5 end",
         "rules/appraisal.lua:1: reward() for rank 1 (unit BH): returned 0.5, not a whole number of fen (use huzhu.round or huzhu.share)"),
        ("function score() return 1 end function reward() return -100 end",
         "rules/appraisal.lua:1: reward() for rank 1 (unit BH): returned -1.00; a reward must be 0 or more fen"),
        ("function score() return 1 end function reward() end",
         "rules/appraisal.lua:1: reward() for rank 1 (unit BH): returned nothing, expected an integer number of fen (0 for no reward)"),
        ("function score() return 1 end function reward() return '5' end",
         "rules/appraisal.lua:1: reward() for rank 1 (unit BH): returned a string, expected an integer number of fen"),
        ("function scores() return 1 end", "rules/appraisal.lua does not define function score(unit, indicators, period)"),
    ])
    func wrongResults(body: String, message: String) throws {
        let f = try ScriptFixture()
        let text = try #require(try f.appraisalError(body))
        #expect(text == message || text == message.replacingOccurrences(of: "nan", with: "-nan"), "\(text)")
        #expect(try f.count("appraisalRun") == 0)
        #expect(try f.count("appraisalResult") == 0)
    }

    @Test("rules decide, they do not write; a runtime error names the line; nothing is stored")
    func ruleErrors() throws {
        let f = try ScriptFixture()
        let write = try f.appraisalError("""
            function score(unit)
              huzhu.targets.set{unit = unit.code, year = 2026, members = 1, contributions = 0}
              return 1
            end
            """)
        #expect(write == "rules/appraisal.lua:2: huzhu.targets.set cannot be called from a rule (rules decide; scripts write)")
        let runtime = try f.appraisalError("function score(unit, i) return i.nothing.here end")
        #expect(runtime?.hasPrefix("rules/appraisal.lua:1: attempt to index a nil value (field 'nothing')") == true)
        #expect(try f.count("appraisalRun") == 0)
        #expect(try f.count("target") == 0)
    }

    @Test("without a rule in force the appraisal is refused; a candidate is scored but never stored")
    func versions() throws {
        let f = try ScriptFixture()
        #expect(throws: ValidationError.self) { try f.appraise() }
        do { _ = try f.appraise() } catch {
            #expect("\(error)" == "E1006 rule: no appraisal rule is in force on 2026-12-31 (activate one: huzhu rules activate appraisal FILE --from DATE)")
        }
        let candidate = AppraisalRunner.Candidate(text: "function score(u) return u.code == 'LY' and 2 or 1 end",
                                                  name: "candidate.lua")
        let outcome = try f.appraise(candidate: candidate)
        #expect(outcome.results.map(\.unit.code) == ["LY", "BH"])
        #expect(outcome.run.ruleVersionID == nil)
        #expect(try f.count("appraisalRun") == 0)
    }

    @Test("the half-year appraisal sees the period: H1, as of 06-30, half the year gone")
    func period() throws {
        let f = try ScriptFixture()
        try f.activateAppraisal("""
            function score(unit, indicators, period)
              huzhu.explain(('%s %d %s %s %.2f %s'):format(period.name, period.year, period.from, period.to, period.elapsed, tostring(period.final)))
              return 1
            end
            """)
        let outcome = try f.appraise(.halfYear)
        #expect(outcome.results[0].score.notes == ["H1 2026 2026-01-01 2026-06-30 49.59 false"])
        #expect(outcome.run.status == "current")
    }
}

@Suite("Targets and indicators in Lua")
struct TargetIndicatorAPITests {
    @Test("huzhu.targets: set, get, list, progress")
    func targets() throws {
        let f = try ScriptFixture()
        try f.enrollForAppraisal()
        let results = try f.run("""
            local t = huzhu.targets.get{unit = 'BH', year = 2026}
            huzhu.targets.set{unit = 'LY', year = 2026, plan = 'ACC', members = 2, contributions = 5200}
            local p = huzhu.targets.progress{unit = 'BH'}
            local none = huzhu.targets.progress{unit = 'LY'}
            local acc = huzhu.targets.progress{unit = 'LY', plan = 'ACC', date = '2026-12-31'}
            return t.members, t.contributions, t.set_by, #huzhu.targets.list{year = 2026}, p.enrolled, p.collected,
                   p.completion, p.on_track, p.reached_on, none, acc.enrolled, acc.members_completion
            """)
        // Enrolled on 2026-09-30 (the fixture's business date): 3 members, 78.00, reached the same day.
        #expect(results == [3, 7800, "tester", 2, 3, 7800, .number(100), true, "2026-09-30", .nil, 1, .number(50)])
    }

    @Test("huzhu.indicators for a unit and for a level")
    func indicators() throws {
        let f = try ScriptFixture()
        try f.enrollForAppraisal()
        let results = try f.run("""
            local bh = huzhu.indicators{unit = 'BH', to = '2026-12-31'}
            local all = huzhu.indicators{level = 'district', to = '2026-12-31'}
            return bh.employees, bh.enrolled, bh.participation, bh.coverage.ACC, bh.contributions.member, bh.claims.paid,
                   bh.claims.average_days, bh.target.completion, #all, all[2].unit, all[2].participation
            """)
        #expect(results == [4, 3, .number(75), 3, 7800, 0, .nil, .number(100), 2, "LY", .number(50)])
        let bad = try f.failure("huzhu.indicators{unit = 'BH', level = 'district'}")
        #expect(bad?.message == "test.lua:1: bad argument #1 to 'indicators' (option 'unit': nil when level is given expected, got string)")
        let typo = try f.failure("huzhu.indicators{unit = 'BH', form = '2026-01-01'}")
        #expect(typo?.message == "test.lua:1: bad argument #1 to 'indicators' (unknown option 'form'; expected unit, level, from, to, overdue_days, programme_year)")
    }
    @Test("level = {…}: the listed kinds ranked together in a run of their own; the comma-joined string names the same run")
    func combinedLevel() throws {
        let f = try ScriptFixture()
        try f.run("huzhu.units.create{code = 'GJ', name = '工交工会', kind = 'industry', parent = 'FED'}")
        try f.activateAppraisal("""
            local points = {BH = 70, LY = 90, GJ = 80}
            function score(unit) return points[unit.code], {fixed = points[unit.code]} end
            function reward(rank) return rank == 1 and 100000 or 0 end
            """)
        let ranked = try f.run("""
            local r = huzhu.appraisal.run{level = {'industry', 'district'}, period = 'H1', year = 2026}
            return #r, r[1].unit, r[1].rank, r[2].unit, r[2].rank, r[3].unit, r[3].rank, r[1].reward, r[1].run
            """)
        #expect(ranked == [3, "LY", 1, "GJ", 2, "BH", 3, 100_000, 1])
        try f.run("huzhu.appraisal.run{level = 'district', period = 'H1', year = 2026}")
        let again = try f.run("""
            local r = huzhu.appraisal.run{level = 'district,industry', period = 'H1', year = 2026}
            local single = huzhu.appraisal.results{level = 'district', period = 'H1', year = 2026}
            local combined = huzhu.appraisal.results{level = {'district', 'industry'}, period = 'H1', year = 2026}
            return r[1].run, #single, single[1].run, #combined, combined[2].unit
            """)
        #expect(again == [3, 2, 2, 3, "GJ"])
        let levels = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT level || ' ' || status FROM appraisalRun ORDER BY id")
        }
        #expect(levels == ["district,industry superseded", "district current", "district,industry current"])
        let unknown = try f.failure("huzhu.appraisal.run{level = {'district', 'city'}, period = 'H1', year = 2026}")
        #expect(unknown?.message == "test.lua:1: bad argument #1 to 'run' (option 'level': 'city' is not one of federation, district, county, industry, enterprise, grassroots)")
        let empty = try f.failure("huzhu.appraisal.results{level = {}, period = 'H1', year = 2026}")
        #expect(empty?.message == "test.lua:1: bad argument #1 to 'results' (option 'level': string or list of strings expected, got table)")
        let number = try f.failure("huzhu.appraisal.results{level = {'district', 7}, period = 'H1', year = 2026}")
        #expect(number?.message == "test.lua:1: bad argument #1 to 'results' (option 'level': string or list of strings expected, got table)")
        #expect(try f.count("appraisalRun") == 3)
    }
}
