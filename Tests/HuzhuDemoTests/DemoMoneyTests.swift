import Foundation
import GRDB
import Testing
@testable import HuzhuCore
@testable import HuzhuDemo

@Suite("Demo city: receipts and arrears, a payout batch with the bank's answer, the first half-year closed")
struct DemoMoneyTests {
    /// A city of 3,000 members (seed 1) with its bank files in a folder of its own, built once.
    static let city = Result { () throws -> (HuzhuDatabase, DemoCity.Summary, URL) in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-demo-bank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try HuzhuDatabase.inMemory()
        let summary = try DemoCity(seed: 1, members: 3_000, bankFolder: folder)
            .build(into: database, clock: { Fixture.instant })
        return (database, summary, folder)
    }

    @Test("most units paid after their bills, some late, some partly, a few not at all: arrears in every age band, nothing held")
    func arrears() throws {
        let (database, summary, _) = try DemoMoneyTests.city.get()
        let (owed, unapplied, figures) = try database.read { db in
            (try LedgerService().owed(db, unit: nil, asOf: DemoCity.today),
             try LedgerService().balance(db, account: .receiptsUnapplied),
             try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM receipt) AS receipts,
                       (SELECT TOTAL(amount) FROM receipt) AS received,
                       (SELECT COUNT(*) FROM bill) AS bills,
                       (SELECT COUNT(DISTINCT receipt.id) FROM receipt JOIN billSettlement ON billSettlement.receiptID = receipt.id
                          JOIN bill ON bill.id = billSettlement.billID WHERE receipt.receivedOn > bill.dueOn) AS late,
                       (SELECT COUNT(*) FROM receipt JOIN billSettlement ON billSettlement.receiptID = receipt.id
                          JOIN bill ON bill.id = billSettlement.billID
                          WHERE receipt.receivedOn <= bill.issuedOn OR receipt.receivedOn > '2026-12-20') AS misdated
                """)!)
        }
        for (band, amount) in owed.byBand {
            #expect(amount.fen > 0, "nothing owed \(band.rawValue) days")
            #expect(summary.owed[band] == amount)
        }
        let receipts: Int = figures["receipts"], bills: Int = figures["bills"]
        #expect(receipts == summary.receipts && Int64(figures["received"] as Double) == summary.received.fen)
        #expect(owed.lines.count * 4 < bills)                          // most bills are settled
        #expect(owed.lines.contains { $0.bill.settled.fen > 0 && $0.bill.open.fen > 0 })   // partly paid
        #expect(figures["late"] as Int > 0)                             // paid after the due day
        #expect(figures["misdated"] as Int == 0)                        // after the bill, by the business date
        #expect(unapplied == .zero)                                     // every receipt found its bills
        #expect(summary.addedBatches >= 2)
    }

    @Test("one payout batch: paid claims paid by bank transfer on the bank's date, failed ones left approved with the bank's message")
    func payouts() throws {
        let (database, summary, folder) = try DemoMoneyTests.city.get()
        #expect(summary.payoutsPaid > 0 && summary.payoutsFailed > 0)
        #expect(summary.payoutsSent == summary.payoutsPaid + summary.payoutsFailed)
        let items = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT payoutItem.status, payoutItem.reference, payoutItem.message, claim.status AS claimStatus,
                       claimPayment.method, claimPayment.reference AS paidReference, claimPayment.paidOn
                FROM payoutItem JOIN claim ON claim.id = payoutItem.claimID
                LEFT JOIN claimPayment ON claimPayment.claimID = claim.id ORDER BY payoutItem.id
                """)
        }
        #expect(items.count == summary.payoutsSent)
        var messages: [String] = []
        for item in items {
            if item["status"] as String == "paid" {
                #expect(item["claimStatus"] as String == "paid")
                #expect(item["method"] as String? == "bankTransfer" && item["paidReference"] as String? == item["reference"])
                #expect(item["paidOn"] as String? == "2026-12-20")
            } else {
                #expect(item["status"] as String == "failed" && item["claimStatus"] as String == "approved")
                #expect(item["method"] as String? == nil)
                messages.append(item["message"])
            }
        }
        #expect(messages.count == summary.payoutsFailed && messages.contains("账户已销户"))
        // The bank's file: UTF-8 with a byte order mark, every account in full and a valid UnionPay card.
        let data = try Data(contentsOf: folder.appendingPathComponent(DemoCity.payoutFileName))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(lines.first == "reference,payee,account,amount" && lines.count == summary.payoutsSent + 1)
        for line in lines.dropFirst() {
            let account = String(line.split(separator: ",")[2])
            #expect(account.count == 19 && account.hasPrefix("62") && BankAccountNumber.luhnValid(account), "\(account)")
        }
        let accounts = try database.read { db in try String.fetchAll(db, sql: "SELECT accountNumber FROM memberBankAccount") }
        #expect(accounts.count == summary.payeeAccounts)
        #expect(accounts.allSatisfy { (try? BankAccountNumber(parsing: $0)) != nil && $0.hasPrefix("62") })
    }

    @Test("the first half-year is closed after everything dated in it; the books check clean; a back-dated receipt is refused")
    func closedHalfYear() throws {
        let (database, summary, _) = try DemoMoneyTests.city.get()
        let (periods, report) = try database.read { db in (try LedgerService().periods(db), try LedgerService().check(db)) }
        #expect(periods.map { "\($0.throughMonth) \($0.throughDate) \($0.closedOn)" } == ["2026-06 2026-06-30 2026-12-20"])
        #expect(summary.closedThrough == "2026-06")
        #expect(report.isClean, "\(report)")
        let context = WriteContext(operator: "clerk", today: DemoCity.today, clock: { Fixture.instant })
        let refused = #expect(throws: ValidationError.self) {
            try database.write(.dryRun) { session in
                try session.services.ledger.receive(session.connection, ReceiptRequest(
                    date: CivilDate(year: 2026, month: 6, day: 15)!, payer: "FED", amount: Money(fen: 100), reference: "LATE-1"),
                                                    context: context)
            }
        }
        #expect(refused?.codes == [950])
    }
}
