import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

@Suite("huzhu.ledger: closed periods, trial balance; back-dated entries refused through the set-based paths")
struct LedgerPeriodScriptTests {
    /// Closes the books through September 2026 as if on 2026-10-01: the tiny city's business date (2026-09-30) is then closed.
    func closeSeptember(_ f: ScriptFixture) throws {
        var context = TinyCity.context(operator: "closer")
        context.today = CivilDate(year: 2026, month: 10, day: 1)!
        try f.database.write { db in _ = try LedgerService().close(db, through: "2026-09", context: context) }
    }

    /// Rows of every table a posting path writes.
    func counts(_ f: ScriptFixture) throws -> [Int] {
        try ["policy", "enrollmentBatch", "decision", "ledgerEntry", "ledgerLine", "audit"].map { try f.count($0) }
    }

    static let closedText = "E950 date 2026-09-30: entry dated 2026-09-30 falls in a closed period (the books are closed through 2026-09); "
        + "corrections go to the open period, dated after 2026-09"

    @Test("huzhu.ledger.close and periods; refused in a rule's check and in a scoped run (E251)")
    func closeFromLua() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            local c = huzhu.ledger.close{through = '2026-08'}
            local p = huzhu.ledger.periods()
            return c.through, c.last_day, c.closed_on, c.operator, #p, p[1].through
            """)
        #expect(results == [.string("2026-08"), .string("2026-08-31"), .string("2026-09-30"), .string("tester"), .integer(1), .string("2026-08")])
        #expect(try f.failure("huzhu.ledger.close{through = '2026-08'}")?.message ==
                "test.lua:1: E951 through 2026-08: 2026-08 is already closed (the books are closed through 2026-08); closing is forward-only, close a later month")
        #expect(try f.failure("huzhu.ledger.close{through = '2026-09'}")?.message ==
                "test.lua:1: E952 through 2026-09: 2026-09 has not ended on 2026-09-30; only past months can be closed")
        #expect(try f.failure("huzhu.ledger.close{through = '2026-07'}", scope: .unit("BH"))?.message ==
                "test.lua:1: E251 through 2026-07: closePeriod is a federation operation, refused in a run scoped to BH")
        #expect(try f.count("ledgerClosing") == 1)
    }

    @Test("huzhu.ledger.trial_balance lists every account of the chart with totals that balance")
    func trialBalance() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        let results = try f.run("""
            local t = huzhu.ledger.trial_balance()
            local early = huzhu.ledger.trial_balance{as_of = '2026-09-29'}
            return #t.accounts, t.accounts[1].account, t.accounts[1].name, t.accounts[1].debits, t.debits, t.credits, t.balanced, early.debits
            """)
        // Enrolment bills the units: nothing in the bank yet, 130.00 receivable.
        #expect(results == [.integer(Int64(LedgerAccount.allCases.count)), .string("fund:cash"), .string("互助金存款"),
                            .integer(0), .integer(13000), .integer(13000), .boolean(true), .integer(0)])
    }

    @Test("huzhu.enroll (LedgerService.post) dated in a closed month is refused; nothing written")
    func singleEnrolment() throws {
        let f = try ScriptFixture()
        try closeSeptember(f)
        let before = try counts(f)
        #expect(try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}")?.message == "test.lua:1: " + Self.closedText)
        #expect(try counts(f) == before)
    }

    @Test("huzhu.enroll_unit (LedgerStore's set-based posting) dated in a closed month is refused; nothing written")
    func groupEnrolment() throws {
        let f = try ScriptFixture()
        try closeSeptember(f)
        let before = try counts(f)
        #expect(try f.failure("huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}")?.message == "test.lua:1: " + Self.closedText)
        #expect(try counts(f) == before)
    }

    @Test("a re-split (SubsidyResplit) dated in a closed month is refused; nothing written")
    func resplit() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        try closeSeptember(f)
        let before = try counts(f)
        let splits = try f.splits()
        #expect(throws: ValidationError.self) { try f.resplit() }
        do {
            try f.resplit()
        } catch let error as ValidationError {
            #expect(error.description == Self.closedText)
        }
        #expect(try counts(f) == before)
        #expect(try f.splits() == splits)
    }

    @Test("rules apply keeps the books clean; reversing a re-split policy's contribution reverses it as it stands")
    func reverseAfterAdjustment() throws {
        let f = try ScriptFixture()
        try f.enrollEveryoneMemberPays()
        try f.activateSubsidy(try ScriptFixture.stockSubsidy)
        try f.resplit()
        try f.database.write { db in
            let ledger = LedgerService()
            #expect(try ledger.check(db).isClean)
            #expect(try ledger.trialBalance(db).isBalanced)
            // Policy 2 (李二): 0/0/26.00 posted, adjusted to 5.20/20.80/0.
            let reversal = try ledger.reverse(db, entryID: 2, memo: "undo", context: TinyCity.context())
            #expect(reversal.lines.map { "\($0.account.rawValue) \($0.debit.fen) \($0.credit.fen)" } == [
                "receivable:contributions 0 2600", "contributions:administration 520 0", "contributions:union 2080 0",
            ])
        }
    }
}
