import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuTestSupport

@Suite("huzhu ledger close, periods and trial-balance; the plan-results report")
struct LedgerPeriodCommandTests {
    /// The tiny workspace with BH001's three members enrolled in ACC on 2026-09-30 (78.00).
    func enrolled() throws -> TinyWorkspace {
        let ws = try TinyWorkspace()
        try ws.write("group.lua", "print(huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled)")
        #expect(try CLI.run(["run", "group.lua"], in: ws.url).status == 0)
        return ws
    }

    /// Moves the workspace's business date.
    func setToday(_ ws: TinyWorkspace, _ date: String) throws {
        let toml = ws.url.appendingPathComponent("huzhu.toml")
        let text = try String(contentsOf: toml, encoding: .utf8)
            .replacingOccurrences(of: #"today = "\d{4}-\d{2}-\d{2}""#, with: "today = \"\(date)\"", options: .regularExpression)
        try text.write(to: toml, atomically: true, encoding: .utf8)
    }

    @Test("close: forward-only, audited, listed by periods; a back-dated enrolment is then refused, nothing written")
    func close() throws {
        let ws = try enrolled()
        let none = try CLI.run(["ledger", "periods"], in: ws.url)
        #expect(none.stdout == "no period is closed: every date is open (close one with `huzhu ledger close --through YYYY-MM`)\n")
        let dry = try CLI.run(["ledger", "close", "--through", "2026-08", "--dry-run"], in: ws.url)
        #expect(dry.status == 0)
        #expect(dry.stdout == """
            would close the books through 2026-08: entries dated on or before 2026-08-31 are refused; corrections go to the open period
            dry run: nothing was written

            """)
        #expect(try ws.count("ledgerClosing") == 0)
        let scoped = try CLI.run(["ledger", "close", "--through", "2026-08", "--unit", "BH"], in: ws.url)
        #expect(scoped.status == 1)
        #expect(scoped.stderr == """
            huzhu: E251 through 2026-08: closePeriod is a federation operation, refused in a run scoped to BH
            huzhu: nothing was written

            """)
        let closed = try CLI.run(["ledger", "close", "--through", "2026-08"], in: ws.url)
        #expect(closed.status == 0)
        #expect(closed.stdout == "closed the books through 2026-08: entries dated on or before 2026-08-31 are refused; corrections go to the open period\n")
        let again = try CLI.run(["ledger", "close", "--through", "2026-08"], in: ws.url)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("huzhu: E951 through 2026-08: 2026-08 is already closed (the books are closed through 2026-08); closing is forward-only, close a later month\n"))
        let periods = try CLI.run(["ledger", "periods"], in: ws.url)
        #expect(periods.status == 0)
        #expect(periods.stdout.contains("2026-08  ") && periods.stdout.contains("2026-08-31") && periods.stdout.contains("王会计"))
        #expect(periods.stdout.hasSuffix("open period: from 2026-09-01\n"))
        let audited = try DatabaseQueue(path: ws.databasePath).read { db in
            try String.fetchAll(db, sql: "SELECT operation || ' ' || rowKey FROM audit WHERE tableName = 'ledgerClosing'")
        }
        #expect(audited == ["closePeriod 2026-08"])

        // A clerk whose business date is still in August: the enrolment is refused, nothing is written.
        try setToday(ws, "2026-08-20")
        let entries = try ws.count("ledgerEntry"), policies = try ws.count("policy"), audit = try ws.count("audit")
        try ws.write("late.lua", "huzhu.enroll_unit{unit = 'LY001', plan = 'ACC'}")
        let late = try CLI.run(["run", "late.lua"], in: ws.url)
        #expect(late.status == 1)
        #expect(late.stderr.contains("E950 date 2026-08-20: entry dated 2026-08-20 falls in a closed period (the books are closed through 2026-08); corrections go to the open period, dated after 2026-08"))
        #expect(try ws.count("ledgerEntry") == entries && ws.count("policy") == policies && ws.count("audit") == audit)
    }

    @Test("trial-balance: every account, the totals, balanced; --as-of before any entry shows zeros")
    func trialBalance() throws {
        let ws = try enrolled()
        let result = try CLI.run(["ledger", "trial-balance"], in: ws.url)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let rows = lines.map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["receivable:contributions", "应收缴费", "78.00", "0.00", "78.00"]))
        #expect(rows.contains(["contributions:member", "职工缴费收入", "0.00", "78.00", "78.00"]))
        #expect(rows.contains(["total", "合计", "78.00", "78.00"]))
        #expect(rows.count == 2 + LedgerAccount.allCases.count + 2)   // header, rule, the accounts, total, "balanced"
        #expect(lines.last == "balanced: debits 78.00 = credits 78.00")
        let early = try CLI.run(["ledger", "trial-balance", "--as-of", "2026-09-29"], in: ws.url)
        #expect(early.stdout.hasSuffix("balanced as of 2026-09-29: debits 0.00 = credits 0.00\n"))
        let bad = try CLI.run(["ledger", "trial-balance", "--as-of", "30/09/2026"], in: ws.url)
        #expect(bad.status == 2)
    }

    @Test("plan-results: per plan and term, contributions, benefits paid and owed, claims per 1,000 members, loss ratio")
    func planResults() throws {
        let ws = try enrolled()
        try ws.write("claims.lua", """
            local p = huzhu.policies.each{plan = 'ACC'}()
            local c = huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30', admission = '2026-09-30',
                discharge = '2026-09-30', total = 100000, insurance_paid = 60000,
                documents = {'applicationForm', 'idCopy', 'bankCard', 'invoices', 'eventAccount', 'dischargeSummary', 'settlementSlip'}}
            local decided = huzhu.claims.review(c.id, {approve = true, amount = 1300})
            print(decided.status, decided.approved_amount)
            """)
        let run = try CLI.run(["run", "claims.lua"], in: ws.url)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try CLI.run(["report", "plan-results", "--", "2026"], in: ws.url)
        #expect(report.status == 0, "\(report.stderr)")
        // 3 members, 78.00; one claim approved at 13.00, unpaid: owed 13.00; 1 claim ÷ 3 members = 333.3 per 1,000; 13 ÷ 78 = 16.67%.
        #expect(report.stdout.contains("""
            计划  期次  参保人数   缴费  已付赔款  应付未付  赔付件数  千人赔付件数  赔付率
            ----  ----  --------  -----  --------  --------  --------  ------------  ------
            ACC   2026         3  78.00      0.00     13.00         1  333.3         16.67%
            """))
    }
}
