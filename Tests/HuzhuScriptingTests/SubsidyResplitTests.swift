import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

extension ScriptFixture {
    /// Enrolls both units' members in ACC 2026 with no rule in force: each member pays all 26.00.
    func enrollEveryoneMemberPays() throws {
        try run("huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'} huzhu.enroll_unit{unit = 'LY001', plan = 'ACC'}")
    }

    /// Re-splits the 2026 policies with the rule in force (one transaction, rolled back on error).
    @discardableResult
    func resplit(scope: Scope = .everything, year: Int = 2026) throws -> SubsidyResplitSummary {
        let runner = try self.runner(scope: scope, limits: LuaLimits(instructions: 0))
        let context = TinyCity.context(operator: "tester")
        return try database.write(.commit, scope: scope, hooks: runner) { session in
            try SubsidyResplit(scope: scope, formula: runner.subsidy).apply(session.connection, year: year, context: context)
        }
    }

    /// Each policy's split as "admin/union/member" in fen, by policy id.
    func splits() throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT splitAdministration || '/' || splitUnion || '/' || splitMember FROM policy ORDER BY id
                """)
        }
    }

    /// Rows of the tables a re-split writes, to show that nothing was.
    func writtenCounts() throws -> [Int] {
        try ["decision", "ledgerEntry", "ledgerLine", "audit"].map { try count($0) }
    }
}

@Suite("Applying the subsidy rule in force to written policies (re-split)")
struct SubsidyResplitTests {
    @Test("changed splits are persisted, each with a decision naming the version and one adjusting entry; the books agree")
    func persisted() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        #expect(try f.splits() == Array(repeating: "0/0/2600", count: 5))
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        let versionID = try f.database.read { db in try RuleService().version(db, name: "subsidy", on: TinyCity.today)?.id }

        let summary = try f.resplit()
        // Policies 1-3 BH001 (王一, 李二 hardship, 张三), 4-5 LY001 (赵四, 钱五). 26.00 each:
        // administration 20% = 5.20; union half = 13.00 (under the 30.00 cap); member 7.80;
        // 李二 pays nothing: the union covers 26.00 - 5.20 = 20.80.
        #expect(try f.splits() == ["520/1300/780", "520/2080/0", "520/1300/780", "520/1300/780", "520/1300/780"])
        #expect(summary == SubsidyResplitSummary(year: 2026, examined: 5, changed: 5, administration: 2600,
                                                 union: 7280, member: -9880, ruleName: "subsidy", ruleVersionID: versionID))
        try f.database.read { db in
            // Enrollment recorded 5 decisions ("no rule in force: the member pays all"); the re-split 5 more.
            let decisions = try Decision.fetchAll(db, sql: "SELECT * FROM decision WHERE id > 5 ORDER BY id")
            #expect(decisions.count == 5)
            #expect(decisions.allSatisfy { $0.ruleVersionID == versionID && $0.ruleName == "subsidy" && $0.decidedOn == "2026-09-30" })
            #expect(decisions.map(\.subjectID) == [1, 2, 3, 4, 5])
            #expect(decisions[1].inputs == #"{"age":41,"contribution":2600,"gender":"female","hardship":true,"plan":"ACC","shares":1,"start":"2026-09-30","unit":"BH001"}"#)
            #expect(decisions[1].outputs == #"{"administration":520,"member":0,"union":2080}"#)
            #expect(decisions[1].notes == #"["hardship member: pays nothing; the union covers the member's part"]"#)
            #expect(decisions[0].notes == "[]")
            #expect(decisions[0].operatorName == "tester")

            let ledger = LedgerService()
            #expect(try ledger.check(db).isClean)
            #expect(try ledger.balance(db, account: .receivableContributions) == Money(fen: 13000))    // 5 × 26.00 billed, unchanged
            #expect(try ledger.balance(db, account: .contributionsAdministration) == Money(fen: 2600)) // 5 × 5.20
            #expect(try ledger.balance(db, account: .contributionsUnion) == Money(fen: 7280))         // 4 × 13.00 + 20.80
            #expect(try ledger.balance(db, account: .contributionsMember) == Money(fen: 3120))        // 4 × 7.80
            // Per policy: the contribution, then ONE adjusting entry moving the difference per payer part.
            let kinds = try String.fetchAll(db, sql: "SELECT kind || ':' || COALESCE(reversesEntryID, '-') FROM ledgerEntry WHERE policyID = 2 ORDER BY id")
            #expect(kinds == ["contribution:-", "adjustment:-"])
            let adjustment = try #require(try LedgerEntry.fetchOne(db, sql: "SELECT * FROM ledgerEntry WHERE policyID = 2 AND kind = 'adjustment'"))
            #expect(adjustment.memo == "re-split of policy 2: subsidy split changed")
            #expect(adjustment.entryDate == TinyCity.today && adjustment.operatorName == "tester")
            let lines = try String.fetchAll(db, sql: """
                SELECT l.account || ' ' || l.debit || ' ' || l.credit FROM ledgerLine l
                WHERE l.entryID = (SELECT MAX(id) FROM ledgerEntry WHERE policyID = 2) ORDER BY l.id
                """)
            // 0/0/26.00 → 5.20/20.80/0: administration +5.20, union +20.80, member −26.00; fund:cash untouched.
            #expect(lines == ["contributions:administration 0 520", "contributions:union 0 2080", "contributions:member 2600 0"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledgerEntry WHERE kind = 'adjustment'") == 5)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledgerLine l JOIN ledgerEntry e ON e.id = l.entryID WHERE e.kind = 'adjustment'") == 15)
            let audit = try String.fetchAll(db, sql: "SELECT tableName || ' ' || action || ' ' || rowKey FROM audit WHERE operation = 'resplitSubsidy' ORDER BY id")
            #expect(audit == ["policy update year 2026", "decision insert 6-10", "ledgerEntry insert 6-10"])
        }
    }

    @Test("unchanged policies are untouched: a second application changes and writes nothing")
    func unchangedUntouched() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        try f.resplit()
        let written = try f.writtenCounts()
        let again = try f.resplit()
        #expect(again.examined == 5 && again.changed == 0 && again.union == 0)
        #expect(try f.writtenCounts() == written)
        // A formula that changes only the hardship member touches only her policy.
        try f.activateSubsidy("""
            function subsidy(e)
              local c = e.policy.contribution
              local a = huzhu.share(c, 20, 100)
              if e.member.hardship then return {administration = c - 1000, union = 1000, member = 0} end
              return {administration = a, union = math.min(huzhu.share(c, 50, 100), 3000), member = c - a - math.min(huzhu.share(c, 50, 100), 3000)}
            end
            """, from: CivilDate(year: 2026, month: 9, day: 1)!)
        let one = try f.resplit()
        #expect(one.changed == 1 && one.administration == 1080 && one.union == -1080 && one.member == 0)  // 16.00 - 5.20
        #expect(try f.splits() == ["520/1300/780", "1600/1000/0", "520/1300/780", "520/1300/780", "520/1300/780"])
        // One decision; one adjusting entry (administration +10.80, union −10.80: 2 lines); the rule's activation and 3 audit rows.
        #expect(try f.writtenCounts() == [written[0] + 1, written[1] + 1, written[2] + 2, written[3] + 1 + 3])
        #expect(try f.database.read { db in try LedgerService().check(db).isClean })
    }

    @Test("a rule error on the third policy leaves nothing, with the rule's message")
    func ruleErrorMidway() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        try f.activateSubsidy("""
            function subsidy(e)
              if e.member.name == '张三' then error('no formula for 张三') end
              return {administration = 0, union = e.policy.contribution, member = 0}
            end
            """)
        let written = try f.writtenCounts()
        #expect { try f.resplit() } throws: { error in
            (error as? LuaError)?.message == "rules/subsidy.lua:2: no formula for 张三"
        }
        #expect(try f.splits() == Array(repeating: "0/0/2600", count: 5))
        #expect(try f.writtenCounts() == written)
    }

    @Test("the budget: the stock formula stays within it; a formula that overspends is refused (E1002) and nothing is written")
    func budget() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        // 包河区 has 30.00 yuan for 2026: 王一 takes 13.00, 李二 (hardship) the 17.00 left, 张三 nothing.
        try f.run("huzhu.units.set_budget('BH', 2026, 3000)")
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        let summary = try f.resplit(scope: .unit("BH"))
        #expect(try f.splits() == ["520/1300/780", "520/1700/380", "520/0/2080", "0/0/2600", "0/0/2600"])
        #expect(summary.examined == 3 && summary.changed == 3 && summary.union == 3000)
        #expect(try f.database.read { db in try LedgerService().check(db).isClean })

        // With 50.00 and a formula giving the union everything: 王一's 26.00 fits (his 13.00 given back,
        // 50.00 - 17.00 = 33.00 left); 李二's does not (50.00 - 43.00 + her 17.00 = 24.00 left).
        try f.run("huzhu.units.set_budget('BH', 2026, 5000)")
        try f.activateSubsidy("function subsidy(e) return {administration = 0, union = e.policy.contribution, member = 0} end",
                              from: CivilDate(year: 2026, month: 9, day: 1)!)
        let written = try f.writtenCounts()
        #expect { try f.resplit() } throws: { error in
            "\(error)" == "E1002 policy 2: union share 26.00 exceeds the unit's remaining subsidy budget 24.00"
        }
        #expect(try f.splits() == ["520/1300/780", "520/1700/380", "520/0/2080", "0/0/2600", "0/0/2600"])
        #expect(try f.writtenCounts() == written)
    }

    @Test("the scope: only the policies of the unit's subtree are examined and changed")
    func scoped() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        let summary = try f.resplit(scope: .unit("LY"))
        #expect(summary.examined == 2 && summary.changed == 2)
        #expect(try f.splits() == ["0/0/2600", "0/0/2600", "0/0/2600", "520/1300/780", "520/1300/780"])
        #expect(try f.resplit(scope: .unit("BH"), year: 2027).examined == 0)
        #expect(try f.database.read { db in try LedgerService().check(db).isClean })
    }

    @Test("results the batch call does not take go the plain way: a float with an integer value is accepted, a fraction is refused by line")
    func plainWayForOddResults() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        try f.activateSubsidy("""
            function subsidy(e)
              local c = e.policy.contribution
              if e.member.hardship then return {administration = 0, union = c * 1.0, member = 0} end
              return {administration = 0, union = c * 0.5, member = c - c // 2}
            end
            """)   // 2600 * 0.5 = 1300.0: a whole number of fen
        #expect(try f.resplit().changed == 5)
        #expect(try f.splits() == ["0/1300/1300", "0/2600/0", "0/1300/1300", "0/1300/1300", "0/1300/1300"])
        try f.activateSubsidy("""
            function subsidy(e)
              local c = e.policy.contribution
              if e.member.name == '赵四' then
                return {administration = c / 3, union = 0, member = c - c / 3}
              end
              return {administration = 0, union = c, member = 0}
            end
            """, from: CivilDate(year: 2026, month: 9, day: 1)!)   // 2600 / 3 = 866.666… fen
        let written = try f.writtenCounts()
        #expect { try f.resplit() } throws: { error in
            "\(error)" == "rules/subsidy.lua:4: subsidy() result field 'administration' is 866.66666666667, not a whole number of fen (use huzhu.round, huzhu.share or huzhu.split)"
        }
        #expect(try f.splits() == ["0/1300/1300", "0/2600/0", "0/1300/1300", "0/1300/1300", "0/1300/1300"])
        #expect(try f.writtenCounts() == written)
    }
}
