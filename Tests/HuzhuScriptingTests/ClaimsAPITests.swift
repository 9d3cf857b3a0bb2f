import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

@Suite("huzhu.claims and huzhu.ledger from Lua")
struct ClaimsAPITests {
    /// Wang enrolls in ACC (26.00, cover from 2026-09-30) and reports an accident that day:
    /// 1,000.00 in all, 600.00 paid by basic medical insurance, 400.00 self-paid.
    static let enrollAndReport = """
        local p = huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
        local c = huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30',
            admission = '2026-09-30', discharge = '2026-09-30', total = 100000, insurance_paid = 60000,
            documents = {'applicationForm', 'idCopy', 'bankCard', 'eventAccount', 'dischargeSummary', 'settlementSlip', 'invoices'}}

        """

    @Test("report → review → pay: the benefit is the self-paid part (ACC: no deductible, 100%), paid once")
    func reportReviewPay() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.enrollAndReport + """
            local reported = c.status .. ' ' .. c.self_paid .. ' ' .. #c.missing .. ' ' .. tostring(c.late_report)
            local approved = huzhu.claims.review(c.id, {approve = true, note = 'ok'})
            local paid = huzhu.claims.pay(c.id, {amount = approved.approved_amount, method = 'bankTransfer', reference = 'BK-1'})
            local again = huzhu.claims.get(c.id)
            return reported, approved.status, approved.approved_amount, approved.computed, approved.round,
                   paid.status, paid.payment.amount, paid.payment.date, again.member,
                   huzhu.claims.count{status = 'paid'}, huzhu.claims.count{status = 'reported'}
            """, name: "claims.lua")
        #expect(results == ["reported 40000 0 false", "approved", 40000, 40000, 1,
                            "paid", 40000, "2026-09-30", .string(TinyCity.wang), 1, 0])
        #expect(try f.count("claimPayment") == 1)
    }

    @Test("a forbidden transition is E602 at the script's line, and the run leaves nothing")
    func forbiddenTransition() throws {
        let f = try ScriptFixture()
        let error = try f.failure(Self.enrollAndReport + """
            huzhu.claims.pay(c.id, {amount = 40000, reference = 'BK-1'})
            """, name: "claims.lua")
        #expect(error?.message == "claims.lua:5: E602 claim 1: cannot pay: the claim is reported, not approved")
        #expect(try f.count("claim") == 0)
        #expect(try f.count("ledgerEntry") == 0)
    }

    @Test("no second payout: E603 at the line of the second pay")
    func noSecondPayout() throws {
        let f = try ScriptFixture()
        let error = try f.failure(Self.enrollAndReport + """
            huzhu.claims.review(c.id, {approve = true})
            huzhu.claims.pay(c.id, {amount = 40000, reference = 'BK-1'})
            huzhu.claims.pay(c.id, {amount = 40000, reference = 'BK-2'})
            """, name: "claims.lua")
        #expect(error?.message == "claims.lua:7: E603 claim 1: already paid 400.00 on 2026-09-30; a claim is paid once")
    }

    @Test("reject with a reason by name or by number")
    func reject() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.enrollAndReport + """
            local r = huzhu.claims.review(c.id, {reject = 652, note = 'too early'})
            local n = 0
            for x in huzhu.claims.each{status = 'rejected'} do n = n + 1 end
            return r.status, r.rejection, r.rejection_code, n
            """)
        #expect(results == ["rejected", "waitingPeriod", 652, 1])
    }

    @Test("the ledger: enrollment posts the contribution, the payout is posted, check is clean")
    func ledger() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.enrollAndReport + """
            local enrolled = huzhu.ledger.balance('receivable:contributions')
            huzhu.claims.review(c.id, {approve = true})
            huzhu.claims.pay(c.id, {amount = 40000, reference = 'BK-1'})
            local kinds = {}
            for e in huzhu.ledger.each() do
                kinds[#kinds + 1] = e.kind .. ' ' .. #e.lines .. ' ' .. e.lines[1].account .. ' ' .. e.lines[1].debit
            end
            return enrolled, huzhu.ledger.balance('contributions:member'), huzhu.ledger.balance('benefits:paid'),
                   huzhu.ledger.balance('fund:cash'), huzhu.ledger.balance('fund:cash', '2026-09-29'),
                   table.concat(kinds, '; '), #huzhu.ledger.check()
            """)
        // Enrolment bills the unit (receivable); no receipt yet, so the payout overdraws fund:cash.
        #expect(results == [2600, 2600, 40000, -40000, 0,
                            "contribution 2 receivable:contributions 2600; approval 2 benefits:paid 40000; payout 2 benefits:payable 40000", 0])
    }

    @Test("a group enrollment posts every contribution and check agrees")
    func groupEnrollment() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            local r = huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}
            return r.enrolled, huzhu.ledger.balance('receivable:contributions'), #huzhu.ledger.check()
            """)
        #expect(results == [3, 7800, 0])
    }

    @Test("ledger.check names a policy written behind the services' back")
    func checkPlanted() throws {
        let f = try ScriptFixture()
        try f.database.write { db in
            try db.execute(sql: """
                INSERT INTO policy (memberID, planTermID, planCode, year, unitCode, shares, startDate, endDate, contribution,
                                    splitAdministration, splitUnion, splitMember, status, enrolledOn, operator)
                SELECT member.id, planTerm.id, 'ACC', 2026, 'BH001', 1, '2026-09-30', '2027-06-30', 2600, 0, 0, 2600,
                       'active', '2026-09-30', 'raw' FROM member, planTerm WHERE member.unitCode = 'BH001' AND planTerm.planCode = 'ACC'
                LIMIT 1
                """)
        }
        let results = try f.run("return huzhu.ledger.check()")
        #expect(results == [.array([
            "account contributions:member: ledger 0.00, policies 26.00 (differs by -26.00)",
            "policy 1 contributions:member: ledger 0.00, policy 26.00 (differs by -26.00)",
        ])])
    }
}
