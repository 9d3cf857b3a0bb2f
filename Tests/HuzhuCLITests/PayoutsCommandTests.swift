import Foundation
import GRDB
import HuzhuTestSupport
import Testing

/// huzhu payouts from the command line: Wang's (王一) and Zhang's (张三) ACC claims approved for 50.00
/// and 30.00; the bank holds the BH001 and LY001 group contributions (78.00 + 52.00).
@Suite("huzhu payouts and huzhu claims repay; account numbers masked in every output but the bank's file")
struct PayoutsCommandTests {
    static let card = "6222021234567894", beneficiary = "6228480012345671"

    static func workspace() throws -> TinyWorkspace {
        let ws = try TinyWorkspace()
        try ws.write("claims.lua", """
            huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'} huzhu.ledger.receive{unit = 'BH001', amount = 7800, reference = 'B-1'}
            huzhu.enroll_unit{unit = 'LY001', plan = 'ACC'} huzhu.ledger.receive{unit = 'LY001', amount = 5200, reference = 'L-1'}
            for _, who in ipairs{'\(TinyCity.wang)', '\(TinyCity.zhang)'} do
              local p = huzhu.policies.each{member = who}()
              local c = huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30',
                  admission = '2026-09-30', discharge = '2026-09-30', total = 100000, insurance_paid = 60000,
                  documents = {'applicationForm', 'idCopy', 'bankCard', 'eventAccount', 'dischargeSummary', 'settlementSlip', 'invoices'}}
              huzhu.claims.review(c.id, {approve = true, amount = who == '\(TinyCity.wang)' and 5000 or 3000})
            end
            """)
        let run = try CLI.run(["run", "claims.lua"], in: ws.url)
        guard run.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: ["stderr": run.stderr]) }
        return ws
    }

    @Test("account, payee, batch, reconcile: the file has the numbers in full, every other output masks them")
    func roundTrip() throws {
        let ws = try Self.workspace()
        let account = try CLI.run(["payouts", "account", TinyCity.wang, "--bank", "中国工商银行", "--number", "6222 0212 3456 7894"],
                                  in: ws.url)
        #expect(account.status == 0 && account.stdout == "王一: 中国工商银行 6222 **** **** 7894\n")
        #expect(try CLI.run(["payouts", "account", TinyCity.wang], in: ws.url).stdout == "王一: 中国工商银行 6222 **** **** 7894\n")
        let payee = try CLI.run(["payouts", "payee", "2", "--name", "张小三", "--bank", "中国农业银行", "--number", Self.beneficiary],
                                in: ws.url)
        #expect(payee.stdout == "payee: 张小三 (other payee), 中国农业银行 6228 **** **** 5671\n")
        let show = try CLI.run(["claims", "show", "2"], in: ws.url)
        #expect(show.stdout.contains("  payee: 张小三 (other payee), 中国农业银行 6228 **** **** 5671"))

        let batch = try CLI.run(["payouts", "batch", "--out", "bank.csv"], in: ws.url)
        #expect(batch.status == 0)
        #expect(batch.stdout.contains("batch 1 sent on 2026-09-30: 2 claims, 80.00 yuan, written to bank.csv (owner-only)\n"))
        #expect(batch.stdout.contains("6222 **** **** 7894") && batch.stdout.contains("6228 **** **** 5671"))
        let file = ws.url.appendingPathComponent("bank.csv")
        #expect(try Data(contentsOf: file) == Data([0xEF, 0xBB, 0xBF] + Array("""
            reference,payee,account,amount\r\nP1-1,王一,\(Self.card),50.00\r\nP1-2,张小三,\(Self.beneficiary),30.00\r\n
            """.utf8)))
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)

        try ws.write("answer.csv", "reference,status,date,message\nP1-1,成功,2026-09-30,\nP1-2,失败,2026-09-30,账户已冻结\n")
        let answer = try CLI.run(["payouts", "reconcile", "answer.csv"], in: ws.url)
        #expect(answer.status == 0)
        #expect(answer.stdout.hasPrefix("paid 1 claims, 50.00 yuan; 1 failed\nfailed (the claims stay approved for the next batch):\n"))
        #expect(answer.stdout.contains("6228 **** **** 5671") && answer.stdout.contains("账户已冻结"))
        #expect(try CLI.run(["ledger", "check"], in: ws.url).status == 0)

        // Every output but the bank's file: CLI listings, Lua reads, huzhu.sql, the REPL, the audit trail, exports.
        try ws.write("read.lua", """
            print(huzhu.payouts.account('\(TinyCity.wang)').account, huzhu.payouts.payee(2).account)
            local rows = huzhu.sql('SELECT accountNumber, accountMasked FROM memberBankAccount')
            print(tostring(rows[1].accountNumber), rows[1].accountMasked)
            local audit = huzhu.sql("SELECT group_concat(summary, ' ') AS s FROM audit WHERE tableName IN ('memberBankAccount', 'claimPayee')")
            print(audit[1].s:find('\(Self.card)') == nil, audit[1].s:find('6222 **** **** 7894', 1, true) ~= nil)
            """)
        let read = try CLI.run(["run", "read.lua"], in: ws.url)
        #expect(read.stdout == "6222 **** **** 7894\t6228 **** **** 5671\nnil\t6222 **** **** 7894\ntrue\ttrue\n")
        let repl = try CLI.run(["repl"], in: ws.url, stdin: "=huzhu.payouts.account('\(TinyCity.wang)').account\n")
        #expect(repl.stdout.contains("6222 **** **** 7894"))
        let outputs = [
            account.stdout, payee.stdout, show.stdout, batch.stdout, answer.stdout, read.stdout, repl.stdout, repl.stderr,
            try CLI.run(["export", "members"], in: ws.url).stdout,
            try CLI.run(["ledger", "journal"], in: ws.url).stdout,
            try CLI.run(["claims", "list"], in: ws.url).stdout,
        ]
        for output in outputs {
            #expect(!output.contains(Self.card) && !output.contains(Self.beneficiary), "\(output)")
        }
    }

    @Test("refusals: a bad card masked (E316), the fund-balance check (E932), an unknown reference naming its line (E934)")
    func refusals() throws {
        let ws = try Self.workspace()
        let bad = try CLI.run(["payouts", "account", TinyCity.wang, "--bank", "中国银行", "--number", "6222021234567895"], in: ws.url)
        #expect(bad.status == 1)
        let masked = String(TinyCity.wang.prefix(6)) + "********" + String(TinyCity.wang.suffix(4))
        #expect(bad.stderr == "huzhu: E316 member \(masked): account number 6222 **** **** 7895 is not a valid UnionPay card number (its check digit is wrong); check the card\n")
        #expect(!bad.stderr.contains("6222021234567895"))
        #expect(try CLI.run(["payouts", "account", TinyCity.wang, "--bank", "中国银行"], in: ws.url).status == 2)

        // 80.00 to pay, 130.00 in the bank: a third claim of 60.00 tips it over.
        try ws.write("more.lua", """
            local p = huzhu.policies.each{member = '\(TinyCity.li)'}()
            local c = huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30',
                admission = '2026-09-30', discharge = '2026-09-30', total = 100000, insurance_paid = 60000,
                documents = {'applicationForm', 'idCopy', 'bankCard', 'eventAccount', 'dischargeSummary', 'settlementSlip', 'invoices'}}
            huzhu.claims.review(c.id, {approve = true, amount = 6000})
            huzhu.payouts.set_account('\(TinyCity.wang)', {bank = 'ICBC', account = '\(Self.card)'})
            huzhu.payouts.set_account('\(TinyCity.zhang)', {bank = 'ICBC', account = '1234567890'})
            huzhu.payouts.set_account('\(TinyCity.li)', {bank = 'ICBC', account = '9876543210'})
            """)
        #expect(try CLI.run(["run", "more.lua"], in: ws.url).status == 0)
        let over = try CLI.run(["payouts", "batch", "--out", "bank.csv"], in: ws.url)
        #expect(over.status == 1)
        #expect(over.stderr == "huzhu: E932 batch: the batch's total 140.00 (3 claims) is more than the bank balance 130.00 (fund:cash); pay fewer claims or record the receipts first\n")
        #expect(!FileManager.default.fileExists(atPath: ws.url.appendingPathComponent("bank.csv").path))
        #expect(try ws.count("payoutBatch") == 0)

        try ws.write("answer.csv", "reference,status,date,message\nP9-9,success,2026-09-30,\n")
        let unknown = try CLI.run(["payouts", "reconcile", "answer.csv"], in: ws.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "huzhu: E934 reference P9-9: line 2: not a payment sent to the bank (nor to be settled in this run's scope)\n")
    }

    @Test("claims repay: Dr fund:cash, Cr members:owe; shown on the claim; more than owed is E930; --dry-run writes nothing")
    func repay() throws {
        let ws = try Self.workspace()
        try ws.write("owe.lua", """
            huzhu.claims.pay(1, {amount = 5000, method = 'cash', reference = 'R-1'})
            huzhu.claims.reopen(1, {note = 'double claim'})
            huzhu.claims.review(1, {reject = 'duplicate'})
            """)
        #expect(try CLI.run(["run", "owe.lua"], in: ws.url).status == 0)
        let dry = try CLI.run(["claims", "repay", "1", "--amount", "20", "--reference", "收据1", "--dry-run"], in: ws.url)
        #expect(dry.stdout == "would record repayment of 20.00 on claim 1 (cash 收据1); 30.00 still owed back\ndry run: nothing was written\n")
        #expect(try ws.count("claimRepayment") == 0)
        let repaid = try CLI.run(["claims", "repay", "1", "--amount", "20", "--reference", "收据1"], in: ws.url)
        #expect(repaid.status == 0)
        #expect(repaid.stdout == "recorded repayment of 20.00 on claim 1 (cash 收据1); 30.00 still owed back\n")
        let show = try CLI.run(["claims", "show", "1"], in: ws.url).stdout
        #expect(show.contains("    2026-09-30 repaid 20.00 by cash 收据1 (ledger entry "))
        #expect(show.contains("  paid 50.00 in all, 50.00 owed back by the member (20.00 repaid, 30.00 still owed)"))
        let journal = try CLI.run(["ledger", "journal", "--kind", "repayment"], in: ws.url).stdout
        #expect(journal.contains("fund:cash") && journal.contains("members:owe"))
        #expect(try CLI.run(["ledger", "check"], in: ws.url).status == 0)
        let tooMuch = try CLI.run(["claims", "repay", "1", "--amount", "30.01", "--reference", "收据2"], in: ws.url)
        #expect(tooMuch.status == 1)
        #expect(tooMuch.stderr == "huzhu: E930 claim 1: a repayment of 30.01 is more than the 30.00 still owed back\n")
    }
}
