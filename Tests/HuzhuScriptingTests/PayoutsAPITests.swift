import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

@Suite("huzhu.payouts and huzhu.claims.repay from Lua")
struct PayoutsAPITests {
    /// BH001 enrolled in ACC and its bill paid (78.00 in the bank); Wang's accident claim approved for 50.00, his card recorded.
    static let approved = """
        huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'} huzhu.ledger.receive{unit = 'BH001', amount = 7800, reference = 'B-1'}
        local p = huzhu.policies.each{member = '\(TinyCity.wang)'}()
        local c = huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30',
            admission = '2026-09-30', discharge = '2026-09-30', total = 100000, insurance_paid = 60000,
            documents = {'applicationForm', 'idCopy', 'bankCard', 'eventAccount', 'dischargeSummary', 'settlementSlip', 'invoices'}}
        huzhu.claims.review(c.id, {approve = true, amount = 5000})
        local a = huzhu.payouts.set_account('\(TinyCity.wang)', {bank = '中国工商银行', account = '6222 0212 3456 7894'})

        """

    @Test("batch and reconcile: the same service, masked results, the file written when the run commits")
    func batchAndReconcile() throws {
        let f = try ScriptFixture()
        let out = f.folder.path("bank.csv")
        let results = try f.run(Self.approved + """
            local b = huzhu.payouts.batch{out = '\(out)'}
            return a.account, b.batch, b.count, b.total, b.items[1].reference, b.items[1].account, b.items[1].status
            """, name: "pay.lua")
        #expect(results == ["6222 **** **** 7894", 1, 1, 5000, "P1-1", "6222 **** **** 7894", "sent"])
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("P1-1,王一,6222021234567894,50.00"))
        try Data("reference,status,date,message\nP1-1,success,2026-09-30,\n".utf8).write(to: URL(fileURLWithPath: f.folder.path("answer.csv")))
        let answer = try f.run("""
            local r = huzhu.payouts.reconcile{file = '\(f.folder.path("answer.csv"))'}
            return #r.paid, #r.failed, r.paid_total, huzhu.claims.get(1).status, #huzhu.ledger.check()
            """)
        #expect(answer == [1, 0, 5000, "paid", 0])
    }

    @Test("a failed run leaves no file and nothing marked; a dry run neither")
    func rolledBack() throws {
        let f = try ScriptFixture()
        let out = f.folder.path("bank.csv")
        let error = try f.failure(Self.approved + """
            huzhu.payouts.batch{out = '\(out)'}
            error('stop')
            """, name: "pay.lua")
        #expect(error?.message == "pay.lua:9: stop")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try f.count("payoutItem") == 0)
        try f.run(Self.approved + "huzhu.payouts.batch{out = '\(out)'}", dryRun: true)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("the fund-balance check from Lua: E932 at the line")
    func fundBalance() throws {
        let f = try ScriptFixture()
        let error = try f.failure(Self.approved.replacingOccurrences(of: "amount = 5000", with: "amount = 40000") + """
            huzhu.payouts.batch{out = '\(f.folder.path("bank.csv"))'}
            """, name: "pay.lua")
        #expect(error?.message == "pay.lua:8: E932 batch: the batch's total 400.00 (1 claims) is more than the bank balance 78.00 (fund:cash); pay fewer claims or record the receipts first")
    }

    @Test("set_payee, payee and account read masked; a scoped run cannot set another subtree's member's account")
    func accounts() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.approved + """
            local p = huzhu.payouts.set_payee(c.id, {name = '王小一', bank = '农行', account = '6228480012345671'})
            return p.account, p.other_payee, huzhu.payouts.payee(c.id).name, huzhu.payouts.account('\(TinyCity.zhao)')
            """)
        #expect(results == ["6228 **** **** 5671", true, "王小一", .nil])
        let error = try f.failure("""
            huzhu.payouts.set_account('\(TinyCity.zhao)', {bank = 'ICBC', account = '1234567890'})
            """, scope: .unit("BH"))
        #expect(error?.message.contains("E250") == true)
    }

    @Test("claims.repay: Dr fund:cash, Cr members:owe; more than owed is E930")
    func repay() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.approved + """
            huzhu.claims.pay(c.id, {amount = 5000, method = 'cash', reference = 'R-1'})
            huzhu.claims.reopen(c.id, {note = 'double claim'})
            huzhu.claims.review(c.id, {reject = 'duplicate'})
            local r = huzhu.claims.repay(c.id, {amount = 2000, reference = '收据1'})
            return r.outstanding, huzhu.claims.owed()[1].owed, huzhu.ledger.balance('members:owe'), #huzhu.ledger.check()
            """)
        #expect(results == [3000, 3000, 3000, 0])
        let error = try f.failure(Self.approved.replacingOccurrences(of: "'B-1'", with: "'B-2'") + """
            huzhu.claims.pay(c.id, {amount = 5000, method = 'cash', reference = 'R-1'})
            huzhu.claims.reopen(c.id, {note = 'double claim'})
            huzhu.claims.review(c.id, {reject = 'duplicate'})
            huzhu.claims.repay(c.id, {amount = 6000, reference = '收据1'})
            """, name: "repay.lua")
        #expect(error?.message == "repay.lua:11: E930 claim 2: a repayment of 60.00 is more than the 50.00 still owed back")
    }
}
