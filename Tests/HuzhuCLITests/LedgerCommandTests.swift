import Foundation
import GRDB
import Testing
import HuzhuTestSupport

@Suite("huzhu ledger and huzhu claims")
struct LedgerCommandTests {
    @Test("check on a clean workspace exits 0; balance and journal show the contributions")
    func clean() throws {
        let ws = try TinyWorkspace()
        let empty = try CLI.run(["ledger", "check"], in: ws.url)
        #expect(empty.status == 0)
        #expect(empty.stdout == "the books balance: 0 entries agree with the policies and the claims\n")
        try ws.write("group.lua", "print(huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled)")
        #expect(try CLI.run(["run", "group.lua"], in: ws.url).status == 0)
        let check = try CLI.run(["ledger", "check"], in: ws.url)
        #expect(check.status == 0)
        #expect(check.stdout == "the books balance: 3 entries agree with the policies and the claims\n")
        #expect(check.stderr == "")
        let balance = try CLI.run(["ledger", "balance"], in: ws.url)
        #expect(balance.status == 0)
        #expect(balance.stdout.contains("fund:cash"))
        #expect(balance.stdout.contains("78.00"))
        let journal = try CLI.run(["ledger", "journal", "--kind", "contribution"], in: ws.url)
        #expect(journal.status == 0)
        #expect(journal.stdout.components(separatedBy: "contribution of policy").count == 4)
    }

    @Test("a policy planted with raw SQL makes check exit 1 naming it")
    func plantedDiscrepancy() throws {
        let ws = try TinyWorkspace()
        try DatabaseQueue(path: ws.databasePath).write { db in
            try db.execute(sql: """
                INSERT INTO policy (memberID, planTermID, planCode, year, unitCode, shares, startDate, endDate, contribution,
                                    splitAdministration, splitUnion, splitMember, status, enrolledOn, operator)
                SELECT member.id, planTerm.id, 'ACC', 2026, 'BH001', 1, '2026-09-30', '2027-06-30', 2600, 0, 0, 2600,
                       'active', '2026-09-30', 'raw' FROM member, planTerm WHERE member.unitCode = 'BH001' AND planTerm.planCode = 'ACC'
                LIMIT 1
                """)
        }
        let check = try CLI.run(["ledger", "check"], in: ws.url)
        #expect(check.status == 1)
        #expect(check.stdout == """
            account contributions:member: ledger 0.00, policies 26.00 (differs by -26.00)
            policy 1 contributions:member: ledger 0.00, policy 26.00 (differs by -26.00)

            """)
        #expect(check.stderr == "2 discrepancies\n")
    }

    @Test("claims overdue: none in a fresh workspace")
    func overdueNone() throws {
        let ws = try TinyWorkspace()
        let result = try CLI.run(["claims", "overdue", "--days", "7"], in: ws.url)
        #expect(result.status == 0)
        #expect(result.stdout == "no claim has waited more than 7 days at one step\n")
    }

    @Test("claims overdue: a table of the claims waiting longer than --days, the member masked")
    func overdueTable() throws {
        let ws = try TinyWorkspace()
        try ws.write("claim.lua", """
            local p = huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
            local c = huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30',
                admission = '2026-09-30', discharge = '2026-09-30', total = 100000, insurance_paid = 60000}
            print(c.id, c.status)
            """)
        let run = try CLI.run(["run", "claim.lua"], in: ws.url)
        #expect(run.stdout == "1\treported\n")
        // Pretend it was reported a month ago and never taken up.
        try DatabaseQueue(path: ws.databasePath).write { db in
            try db.execute(sql: "UPDATE claim SET statusSince = '2026-08-31' WHERE id = 1")
        }
        let result = try CLI.run(["claims", "overdue", "--days", "14"], in: ws.url)
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.hasPrefix("1 ") && $0.contains("\(String(TinyCity.wang.prefix(6)))********") && $0.contains("reported")
            && $0.contains("2026-08-31") && $0.hasSuffix("30") })
        #expect(!result.stdout.contains(TinyCity.wang))
        let none = try CLI.run(["claims", "overdue", "--days", "30"], in: ws.url)
        #expect(none.stdout == "no claim has waited more than 30 days at one step\n")
    }
}
