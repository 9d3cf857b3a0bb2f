import Foundation
import Testing
import HuzhuCore
import LuaHost

@Suite("huzhu.ledger.receive, apply_unapplied, owed")
struct ReceiptsAPITests {
    static let enroll = "huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}\n"   // 3 × 26.00 = 78.00 billed on 2026-09-30

    @Test("receive settles the bill, a surplus is held with its reason; owed by age and part")
    func receive() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.enroll + """
            local r = huzhu.ledger.receive{unit = 'BH001', amount = 10000, date = '2026-10-08', reference = 'B1'}
            local o = huzhu.ledger.owed{unit = 'BH', as_of = '2026-10-07'}
            local later = huzhu.ledger.owed{as_of = '2027-01-31'}
            return r.applied, r.unapplied, r.reason, r.settled[1].bill, r.settled[1].member,
                   o.total, o.member, o.bills[1].age, o.bills[1].band, o.bands['0-30'], later.total,
                   huzhu.ledger.balance('fund:cash'), huzhu.ledger.balance('receipts:unapplied'), #huzhu.ledger.check()
            """)
        #expect(results == [7800, 2200, "E911 22.00 more than unit BH001 owes: held as unapplied receipts", 1, 7800,
                            7800, 7800, 7, "0-30", 7800, 0, 10000, 2200, 0])
    }

    @Test("apply_unapplied assigns an unknown payer's money by reference; a duplicate reference is an error with its code")
    func applyAndDuplicate() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.enroll + """
            local r = huzhu.ledger.receive{unit = '无名公司', amount = 5000, reference = 'B2'}
            local a = huzhu.ledger.apply_unapplied{reference = 'B2', unit = 'BH001'}
            local ok, err = pcall(huzhu.ledger.receive, {unit = 'BH001', amount = 100, reference = 'B2'})
            return r.unit, r.unapplied, a.applied, a.unapplied, huzhu.ledger.owed{unit = 'BH001'}.total, tostring(err)
            """)
        #expect(results.prefix(5) == [.nil, 5000, 5000, 0, 2800])
        #expect("\(results[5])".contains("E912"))
        #expect(try f.count("receipt") == 1)
    }

    @Test("receive is refused inside a scoped run (E251) and inside a rule")
    func scoped() throws {
        let f = try ScriptFixture()
        let error = try f.failure("huzhu.ledger.receive{unit = 'BH001', amount = 100, reference = 'X'}", scope: .unit("BH"))
        #expect(error?.message.contains("E251") == true)
        #expect(try f.count("receipt") == 0)
    }
}
