import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

extension ScriptFixture {
    /// Registers `text` as the subsidy rule from `from` (default: before every term).
    func activateSubsidy(_ text: String, from: CivilDate = CivilDate(year: 2000, month: 1, day: 1)!) throws {
        try database.write { db in
            _ = try RuleService().activate(db, name: "subsidy", text: text, sha256: ScriptRunner.sha256(text),
                                           effectiveFrom: from, context: TinyCity.context())
        }
    }

    static var stockSubsidy: String {
        get throws { try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/stock/rules/subsidy.lua"), encoding: .utf8) }
    }
}

@Suite("Subsidy rules")
struct SubsidyRuleTests {
    @Test("the stock formula: administration 20%, union half up to 30 yuan, member the rest; hardship pays nothing")
    func stockFormula() throws {
        let f = try ScriptFixture()
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        let results = try f.run("""
            local a = huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}.split
            local b = huzhu.enroll{member = '\(TinyCity.li)', plan = 'ACC'}.split
            return a.administration, a.union, a.member, b.administration, b.union, b.member
            """)
        // 26.00 yuan: 20% = 5.20; half = 13.00 (under the 30-yuan cap); member 26.00 - 5.20 - 13.00 = 7.80.
        // 李二 is a hardship member: the union covers her 7.80 too: 13.00 + 7.80 = 20.80.
        #expect(results == [520, 1300, 780, 520, 2080, 0])
        let notes = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT notes FROM decision WHERE kind = 'subsidy' ORDER BY id")
        }
        #expect(notes == ["[]", "[\"hardship member: pays nothing; the union covers the member's part\"]"])
        let versions = try f.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT ruleVersionID) FROM decision") }
        #expect(versions == 1)
    }

    @Test("a fractional fen is an error naming the script, the line and the field")
    func fractionalFen() throws {
        let f = try ScriptFixture()
        try f.activateSubsidy("""
            function subsidy(e)
              local c = e.policy.contribution
              return {administration = c / 3, union = 0, member = c - c / 3}
            end
            """)   // 2600 / 3 = 866.666… fen
        let fraction = try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}", name: "enroll.lua")
        #expect(fraction?.message == "enroll.lua:1: rules/subsidy.lua:3: subsidy() result field 'administration' is 866.66666666667, not a whole number of fen (use huzhu.round, huzhu.share or huzhu.split)")
        #expect(try f.count("policy") == 0)
    }

    @Test("every wrong shape of result is refused with its own message", arguments: [
        ("return nil", "subsidy() returned nil, expected a table {administration = …, union = …, member = …} in fen"),
        ("return 'x'", "subsidy() returned string, expected a table {administration = …, union = …, member = …} in fen"),
        ("return {administration = 0, union = 0}", "subsidy() result field 'member' is missing"),
        ("return {administration = 0, union = 0, member = 2600, extra = 1}", "subsidy() result has an unexpected field 'extra' (expected administration, union, member)"),
        ("return {administration = 0/0, union = 0, member = 2600}", "subsidy() result field 'administration' is -nan, not a number of fen"),
        ("return {administration = '1', union = 0, member = 2599}", "subsidy() result field 'administration' is a string, expected an integer number of fen"),
        ("return {administration = 2^70, union = 0, member = 0}", "subsidy() result field 'administration' is 1.1805916207174e+21, too large for fen"),
    ])
    func wrongShapes(body: String, message: String) throws {
        let f = try ScriptFixture()
        try f.activateSubsidy("function subsidy(e)\n  \(body)\nend\n")
        let error = try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}", name: "enroll.lua")
        let text = try #require(error?.message)
        #expect(text == "enroll.lua:1: rules/subsidy.lua:2: " + message || text == "enroll.lua:1: rules/subsidy.lua:2: " + message.replacingOccurrences(of: "-nan", with: "nan"), "\(text)")
    }

    @Test("parts that do not add up, or are negative, are refused by the core with their codes")
    func addUp() throws {
        let f = try ScriptFixture()
        try f.activateSubsidy("function subsidy(e) return {administration = 100, union = 100, member = 100} end")
        let error = try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}")
        #expect(error?.message.hasPrefix("test.lua:1: E507") == true, "\(error?.message ?? "")")
        try f.activateSubsidy("function subsidy(e) return {administration = -100, union = 100, member = 2600} end",
                              from: CivilDate(year: 2001, month: 1, day: 1)!)
        #expect(try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}")?.message.hasPrefix("test.lua:1: E508") == true)
    }

    @Test("the budget: the stock formula stays within it; a formula that overspends is refused (E1002)")
    func budget() throws {
        let f = try ScriptFixture()
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        // 包河区 has 20.00 yuan for 2026: 王一 takes 13.00, 张三 gets only the 7.00 left.
        let results = try f.run("""
            huzhu.units.set_budget('BH', 2026, 2000)
            local a = huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}.split
            local b = huzhu.enroll{member = '\(TinyCity.zhang)', plan = 'ACC'}.split
            return a.union, b.union, b.member, huzhu.units.budget('BH001', 2026).remaining
            """)
        #expect(results == [1300, 700, 1380, 0])   // 2600 - 520 - 700 = 1380
        try f.activateSubsidy("function subsidy(e) local c = e.policy.contribution return {administration = 0, union = c, member = 0} end",
                              from: CivilDate(year: 2001, month: 1, day: 1)!)
        let error = try f.failure("huzhu.enroll{member = '\(TinyCity.zhao)', plan = 'ACC'}; huzhu.units.set_budget('LY', 2026, 100)\nhuzhu.enroll{member = '\(TinyCity.qian)', plan = 'ACC'}")
        #expect(error?.message.hasPrefix("test.lua:2: E1002") == true, "\(error?.message ?? "")")
    }

    @Test("the version in force on the decision date decides")
    func versionByDate() throws {
        let f = try ScriptFixture()   // business date 2026-09-30
        try f.activateSubsidy("function subsidy(e) return {administration = 0, union = 0, member = e.policy.contribution} end",
                              from: CivilDate(year: 2026, month: 1, day: 1)!)
        try f.activateSubsidy("function subsidy(e) return {administration = e.policy.contribution, union = 0, member = 0} end",
                              from: CivilDate(year: 2026, month: 10, day: 1)!)
        #expect(try f.run("return huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}.split.member") == [2600])
    }

    @Test("a rule cannot write")
    func rulesDoNotWrite() throws {
        let f = try ScriptFixture()
        try f.activateSubsidy("""
            function subsidy(e)
              huzhu.enroll{member = e.member.resident_id, plan = 'FEM'}
              return {administration = 0, union = 0, member = e.policy.contribution}
            end
            """)
        let error = try f.failure("huzhu.enroll{member = '\(TinyCity.li)', plan = 'ACC'}")
        #expect(error?.message == "test.lua:1: rules/subsidy.lua:2: huzhu.enroll cannot be called from a rule (rules decide; scripts write)")
        #expect(try f.count("policy") == 0)
    }

    @Test("group enrollment calls the formula for every member; an error midway leaves nothing")
    func groupEnrollment() throws {
        let f = try ScriptFixture()
        try f.activateSubsidy("""
            function subsidy(e)
              if e.member.name == '张三' then error('no formula for 张三') end
              return {administration = 0, union = 0, member = e.policy.contribution}
            end
            """)
        let error = try f.failure("huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}")
        #expect(error?.message == "test.lua:1: rules/subsidy.lua:2: no formula for 张三")
        #expect(try f.count("policy") == 0)
        #expect(try f.count("enrollmentBatch") == 0)
        #expect(try f.count("decision") == 0)
    }
}
