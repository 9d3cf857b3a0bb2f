import GRDB
import Testing
@testable import HuzhuCore

/// Bills and receipts: the claims city's policies billed on two days (the
/// man's INP 36.00 = 10.00/20.00/6.00 on 2012-06-20; his ACC 52.00 and the
/// woman's FEM 25.00 on 2012-07-05, all BH001; the LY001 INP 36.00 on 2012-06-20).
@Suite("Receipts: bills settled oldest first, surplus and unknown payers held, references once, owed by age")
struct ReceiptTests {
    func billedCity() throws -> ClaimCity {
        let city = try ClaimCity()
        try city.database.write { db in
            _ = try EnrollmentService().setSplit(db, policyID: city.inpatientPolicy, ContributionSplit(
                administration: Money(fen: 1000), union: Money(fen: 2000), member: Money(fen: 600)), context: city.on("2012-06-20"))
            for (id, day) in [(city.inpatientPolicy, "2012-06-20"), (city.otherPolicy, "2012-06-20"),
                              (city.accidentPolicy, "2012-07-05"), (city.femalePolicy, "2012-07-05")] {
                let policy = try #require(try Policy.fetchOne(db, key: id))
                try city.ledger.postContribution(db, policy: policy, context: city.on(day))
            }
        }
        return city
    }

    func receive(_ city: ClaimCity, _ payer: String, _ fen: Int64, _ reference: String, on day: String = "2012-07-10") throws -> ReceiptResult {
        try city.database.write { db in
            try city.ledger.receive(db, ReceiptRequest(date: Fixture.date(day), payer: payer, amount: Money(fen: fen),
                                                       reference: reference), context: city.on(day))
        }
    }

    static func lines(_ detail: LedgerEntryDetail) -> [String] {
        detail.lines.map { "\($0.account.rawValue) \($0.debit) \($0.credit)" }
    }

    static func settled(_ result: ReceiptResult) -> [String] {
        result.settlements.map { "bill \($0.billID) \($0.amount) = \($0.administration) + \($0.union) + \($0.member)" }
    }

    @Test("single enrolments of a day join one daily bill per unit, due after due_days")
    func dailyBills() throws {
        let city = try billedCity()
        let bills = try city.database.read { db in try Bill.fetchAll(db, sql: "SELECT * FROM bill ORDER BY id") }
        #expect(bills.map { "\($0.id!) \($0.unitCode) \($0.kind.rawValue) \($0.issuedOn) \($0.dueOn)" } == [
            "1 BH001 daily 2012-06-20 2012-07-20", "2 LY001 daily 2012-06-20 2012-07-20", "3 BH001 daily 2012-07-05 2012-08-04",
        ])
        let entries = try city.database.read { db in try Int64?.fetchAll(db, sql: "SELECT billID FROM ledgerEntry ORDER BY id") }
        #expect(entries == [1, 2, 3, 3])
        var context = city.on("2012-06-25")
        context.dueDays = 10
        let billID = try city.database.write { db -> Int64 in
            let policy = try EnrollmentService(postsContributions: true).enroll(
                db, EnrollmentRequest(residentID: city.woman, planCode: "ACC", shares: 1), context: context)
            return try #require(try Int64.fetchOne(db, sql: "SELECT billID FROM ledgerEntry WHERE policyID = ?", arguments: [policy.id!]))
        }
        let bill = try #require(try city.database.read { db in try Bill.fetchOne(db, key: billID) })
        #expect("\(bill.id!) \(bill.unitCode) \(bill.issuedOn) \(bill.dueOn)" == "4 BH001 2012-06-25 2012-07-05")
        #expect(try city.database.read { db in try AuditLog.entries(db).filter { $0.operation == "issueBill" }.count } == 4)
    }

    @Test("a receipt settles the oldest bill first, then part of the next; parts by largest remainder")
    func oldestFirstAndPartial() throws {
        let city = try billedCity()
        let result = try receive(city, "BH001", 5000, "B-1")
        #expect(Self.lines(result.entry) == ["fund:cash 50.00 0.00", "receivable:contributions 0.00 50.00"])
        #expect(result.entry.entry.kind == .receipt)
        #expect(result.entry.entry.entryDate.description == "2012-07-10")
        #expect(Self.settled(result) == ["bill 1 36.00 = 10.00 + 20.00 + 6.00", "bill 3 14.00 = 0.00 + 0.00 + 14.00"])
        #expect(result.unapplied == .zero && result.held == nil)
        let owed = try city.database.read { db in try city.ledger.owed(db, unit: "BH", asOf: Fixture.date("2012-07-10")) }
        #expect(owed.lines.map { "bill \($0.bill.bill.id!) open \($0.bill.open)" } == ["bill 3 open 63.00"])
        let report = try city.database.read { db in try city.ledger.check(db) }
        #expect(report.isClean, "\(report)")
        let audit = try city.database.read { (db: Database) throws in
            try AuditLog.entries(db).filter { $0.tableName == "receipt" }.map { "\($0.operation) \($0.rowKey)" }
        }
        #expect(audit == ["receive 1"])
    }

    @Test("a surplus is held in receipts:unapplied with E911, never lost")
    func surplus() throws {
        let city = try billedCity()
        let result = try receive(city, "BH001", 12_000, "B-2")
        #expect(Self.lines(result.entry) == [
            "fund:cash 120.00 0.00", "receivable:contributions 0.00 113.00", "receipts:unapplied 0.00 7.00",
        ])
        #expect(result.held?.description == "E911 amount 120.00: 7.00 more than unit BH001 owes: held as unapplied receipts")
        #expect(result.receipt.heldCode == 911)
        try city.database.read { (db: Database) throws in
            #expect(try city.ledger.balance(db, account: .receiptsUnapplied) == Money(fen: 700))
            #expect(try city.ledger.unappliedReceipts(db).map { "\($0.receipt.reference) \($0.held)" } == ["B-2 7.00"])
            #expect(try city.ledger.check(db).isClean)
        }
    }

    @Test("an unknown payer's money is held (E910) until a clerk applies it to a unit")
    func unknownPayer() throws {
        let city = try billedCity()
        let result = try receive(city, "某某公司", 4000, "B-3")
        #expect(Self.lines(result.entry) == ["fund:cash 40.00 0.00", "receipts:unapplied 0.00 40.00"])
        #expect(result.entry.entry.unitCode == "FED")
        #expect(result.receipt.unitCode == nil)
        #expect(result.held?.description == "E910 payer 某某公司: payer \"某某公司\" is no unit: 40.00 held as unapplied receipts")
        let applied = try city.database.write { db in
            try city.ledger.applyUnapplied(db, receiptID: result.receipt.id!, unit: "LY001", context: city.on("2012-07-12"))
        }
        #expect(applied.entry.entry.kind == .application)
        #expect(Self.lines(applied.entry) == ["receipts:unapplied 36.00 0.00", "receivable:contributions 0.00 36.00"])
        #expect(Self.settled(applied) == ["bill 2 36.00 = 0.00 + 0.00 + 36.00"])
        #expect(applied.unapplied == Money(fen: 400))
        #expect(city.refusal { db in
            try city.ledger.applyUnapplied(db, receiptID: result.receipt.id!, unit: "LY001", context: city.on("2012-07-12"))
        } == "E917 unit LY001: unit LY001 owes nothing: no open bills")
        #expect(city.refusal { db in
            try city.ledger.applyUnapplied(db, receiptID: result.receipt.id!, unit: "BH001", amount: Money(fen: 500),
                                           context: city.on("2012-07-12"))
        } == "E916 amount 5.00: receipt \(result.receipt.id!) holds 4.00 unapplied; 5.00 cannot be applied")
        #expect(try city.database.read { db in try city.ledger.check(db) }.isClean)
    }

    @Test("a payer named by its unit's name is that unit")
    func payerByName() throws {
        let city = try billedCity()
        let result = try receive(city, "庐阳医院工会", 3600, "B-4")
        #expect(result.receipt.unitCode == "LY001")
        #expect(Self.settled(result) == ["bill 2 36.00 = 0.00 + 0.00 + 36.00"])
    }

    @Test("a reference received before is refused (E912) and nothing is written")
    func duplicateReference() throws {
        let city = try billedCity()
        _ = try receive(city, "BH001", 1000, "B-5")
        #expect(city.refusal { db in
            try city.ledger.receive(db, ReceiptRequest(date: Fixture.date("2012-07-11"), payer: "BH001", amount: Money(fen: 1000),
                                                       reference: "B-5"), context: city.on("2012-07-11"))
        } == "E912 reference B-5: reference \"B-5\" was already received (receipt 1 on 2012-07-10)")
        #expect(city.refusal { db in
            try city.ledger.receive(db, ReceiptRequest(date: Fixture.date("2012-07-11"), payer: "BH001", amount: .zero,
                                                       reference: " "), context: city.on("2012-07-11"))
        } == """
            E913 amount 0.00: an amount received must be more than 0.00 (got 0.00)
            E914 reference: a receipt needs the bank's reference
            """)
        try city.database.read { (db: Database) throws in
            #expect(try Receipt.fetchCount(db) == 1)
            #expect(try city.ledger.balance(db, account: .fundCash) == Money(fen: 1000))
        }
        #expect(city.refusal { db in
            try LedgerService(scope: .unit("BH")).receive(db, ReceiptRequest(date: Fixture.date("2012-07-11"), payer: "BH001",
                                                                            amount: Money(fen: 100), reference: "B-6"),
                                                          context: city.on("2012-07-11"))
        }?.hasPrefix("E251") == true)
    }

    @Test("owed: open bills by payer part and age band, as of a day")
    func owedByAge() throws {
        let city = try billedCity()
        _ = try receive(city, "BH001", 1000, "B-7")
        let owed = try city.database.read { db in try city.ledger.owed(db, unit: nil, asOf: Fixture.date("2012-09-30")) }
        #expect(owed.lines.map { "\($0.bill.bill.unitCode) \($0.bill.open) \($0.ageDays) \($0.band.rawValue) \($0.overdue)" } == [
            "BH001 26.00 102 >90 true", "LY001 36.00 102 >90 true", "BH001 77.00 87 31-90 true",
        ])
        #expect(owed.total == Money(fen: 13_900))
        #expect("\(owed.byPart.administration) \(owed.byPart.union) \(owed.byPart.member)" == "7.22 14.45 117.33")
        #expect(owed.byBand.map { "\($0.band.rawValue) \($0.amount)" } == ["0-30 0.00", "31-90 77.00", ">90 62.00"])
        // Before the receipt and the second bill: only the first bills, 0–30 days old, not yet due.
        let early = try city.database.read { db in try city.ledger.owed(db, unit: "BH001", asOf: Fixture.date("2012-07-01")) }
        #expect(early.lines.map { "\($0.bill.open) \($0.ageDays) \($0.band.rawValue) \($0.overdue)" } == ["36.00 11 0-30 false"])
    }

    @Test("a cancelled policy's refund: against its open bill when unpaid, to refunds:payable when paid")
    func refunds() throws {
        let city = try billedCity()
        _ = try receive(city, "BH001", 3600, "B-8")   // pays bill 1 (the man's INP) in full
        let (paid, unpaid) = try city.database.write { db in
            let enrollment = EnrollmentService()
            let inp = try enrollment.end(db, try enrollment.policy(db, id: city.inpatientPolicy)!.policy, on: Fixture.date("2012-06-30"),
                                         reason: "left", refund: .beforeStart, context: city.on("2012-07-11"))
            let acc = try enrollment.end(db, try enrollment.policy(db, id: city.accidentPolicy)!.policy, on: Fixture.date("2012-06-30"),
                                         reason: "left", refund: .beforeStart, context: city.on("2012-07-11"))
            return (try city.ledger.entry(db, id: inp.entryID!)!, try city.ledger.entry(db, id: acc.entryID!)!)
        }
        #expect(Self.lines(paid) == [
            "contributions:administration 10.00 0.00", "contributions:union 20.00 0.00", "contributions:member 6.00 0.00",
            "refunds:payable 0.00 36.00",
        ])
        #expect(Self.lines(unpaid) == ["contributions:member 52.00 0.00", "receivable:contributions 0.00 52.00"])
        try city.database.read { (db: Database) throws in
            #expect(try city.ledger.balance(db, account: .refundsPayable) == Money(fen: 3600))
            let owed = try city.ledger.owed(db, unit: "BH001", asOf: Fixture.date("2012-07-11"))
            #expect(owed.lines.map { "bill \($0.bill.bill.id!) \($0.bill.open)" } == ["bill 3 25.00"])
            #expect(try city.ledger.check(db).isClean)
        }
    }

    @Test("check names a unit whose receivable disagrees with its bills less settlements")
    func plantedReceivable() throws {
        let city = try billedCity()
        _ = try receive(city, "BH001", 1000, "B-9")
        try city.database.write { db in
            try db.execute(sql: """
                INSERT INTO billSettlement (billID, entryID, receiptID, amount, administration, "union", member)
                VALUES (1, 5, 1, 500, 0, 0, 500)
                """)
        }
        let report = try city.database.read { db in try city.ledger.check(db) }
        #expect(report.description == """
            unit BH001 receivable:contributions: ledger 103.00, bills − settled 98.00 (differs by 5.00)
            account receipts:unapplied: ledger 0.00, receipts − applied -5.00 (differs by 5.00)
            """)
    }
}
