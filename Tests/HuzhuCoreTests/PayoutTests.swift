import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// Bank payout batches: the man (张三, a UnionPay card) and the other member (a claim payee, 王小五)
/// each have an inpatient claim approved for a small amount; the bank pays one and not the other.
@Suite("payouts: the bank's batch file, its answer, the fund-balance check and masked accounts")
final class PayoutTests {
    let scratch: CSVScratch
    let city: ClaimCity
    let payouts = PayoutService()
    var man: Int64 = 0
    var other: Int64 = 0

    init() throws {
        scratch = try CSVScratch()
        city = try ClaimCity()
    }

    /// The bank balance: every contribution billed, and each unit's bills paid by a receipt.
    func fundBank() throws {
        try city.database.write { db in
            var owed: [String: Int64] = [:]
            for id in [city.inpatientPolicy, city.accidentPolicy, city.femalePolicy, city.otherPolicy] {
                let policy = try PolicyStore.policy(db, id: id)!
                try city.ledger.postContribution(db, policy: policy, context: city.on("2012-06-20"))
                owed[policy.unitCode, default: 0] += policy.contribution.fen
            }
            for (unit, fen) in owed.sorted(by: { $0.key < $1.key }) {
                try city.ledger.receive(db, ReceiptRequest(date: try CivilDate(parsing: "2012-06-25"), payer: unit,
                                                           amount: Money(fen: fen), reference: "R-\(unit)"),
                                        context: city.on("2012-06-25"))
            }
        }
    }

    /// Both claims approved (30.00 and 20.00) with their accounts.
    func approveBoth() throws {
        man = try city.underReview(city.inpatient())
        other = try city.underReview(city.inpatient(city.otherPolicy))
        try city.database.write { db in
            try city.claims.review(db, claimID: man, .approve(amount: Money(fen: 3_000)), context: city.on("2012-09-15"))
            try city.claims.review(db, claimID: other, .approve(amount: Money(fen: 2_000)), context: city.on("2012-09-15"))
            try payouts.setMemberAccount(db, residentID: city.man, bank: "中国工商银行", account: "6222 0212 3456 7894",
                                         context: city.on("2012-09-15"))
            try payouts.setClaimPayee(db, claimID: other, name: "王小五", bank: "中国农业银行", account: "6228-4800-1234-5671",
                                      context: city.on("2012-09-15"))
        }
    }

    @discardableResult
    func batch(_ name: String = "bank.csv", on date: String = "2012-10-01") throws -> PayoutBatchResult {
        try city.database.write { db in
            try payouts.batch(db, file: scratch.url(name), workspace: nil, context: city.on(date))
        }
    }

    func problems() throws -> [String] {
        try city.database.read { db in try city.ledger.check(db).discrepancies.map(\.description) }
    }

    @Test("batch → the bank's file (BOM, full accounts, yuan, 0600), items sent and audited; the claims wait for the answer")
    func batchFile() throws {
        try fundBank()
        try approveBoth()
        let result = try batch()
        #expect(result.items.map { "\($0.reference) \($0.payee) \($0.accountMasked) \($0.amount) \($0.status.rawValue)" } == [
            "P1-\(man) 张三 6222 **** **** 7894 30.00 sent",
            "P1-\(other) 王小五 6228 **** **** 5671 20.00 sent",
        ])
        #expect(try scratch.bytes("bank.csv") == [0xEF, 0xBB, 0xBF] + Array((
            "reference,payee,account,amount\r\nP1-\(man),张三,6222021234567894,30.00\r\n"
                + "P1-\(other),王小五,6228480012345671,20.00\r\n").utf8))
        let permissions = try FileManager.default.attributesOfItem(atPath: scratch.url("bank.csv").path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let audit = try city.database.read { db in try AuditLog.entries(db).filter { $0.tableName == "payoutBatch" } }
        #expect(audit.map { "\($0.operation) \($0.rowKey) \($0.summary)" } == [
            "sendPayoutBatch 1 {\"count\":2,\"file\":\"\(scratch.url("bank.csv").path)\",\"sentOn\":\"2012-10-01\",\"total\":5000}",
        ])
        // Waiting for the bank: not paid by hand, not reopened, not in a second batch.
        let cash = ClaimPayment(amount: Money(fen: 3_000), method: .cash, reference: "R1", paidOn: Fixture.date("2012-10-02"))
        #expect(city.refusal { db in try city.claims.pay(db, claimID: man, cash, context: city.on("2012-10-02")) } ==
            "E933 claim \(man): sent to the bank in payout batch 1 on 2012-10-01; wait for the bank's answer (huzhu payouts reconcile)")
        #expect(city.refusal { db in try city.claims.reopen(db, claimID: man, reason: "x", context: city.on("2012-10-02")) }?
            .hasPrefix("E933 claim \(man):") == true)
        #expect(city.refusal { db in
            try payouts.batch(db, file: scratch.url("again.csv"), workspace: nil, context: city.on("2012-10-02"))
        } == "E931 claims: no approved claim is waiting for payment with a payee bank account; nothing to send")
        #expect(city.refusal { db in
            try payouts.batch(db, file: scratch.url("bank.csv"), workspace: nil, context: city.on("2012-10-02"))
        } == "E938 out \(scratch.url("bank.csv").path): the file exists already; name a new file for the bank (a file sent is never overwritten)")
        #expect(try problems() == [])
    }

    @Test("the bank's answer: a success pays its claim on the bank's date, a failure stays approved with the message and goes in the next batch")
    func reconcile() throws {
        try fundBank()
        try approveBoth()
        try batch()
        let answer = try scratch.file("answer.csv", """
            reference,status,date,message
            P1-\(man),成功,20121003,
            P1-\(other),失败,2012-10-03,账户已销户
            """)
        let result = try city.database.write { db in try payouts.reconcile(db, file: answer, context: city.on("2012-10-05")) }
        #expect(result.paid.map(\.claimID) == [man] && result.paidTotal == Money(fen: 3_000))
        #expect(result.failed.map { "\($0.claimID) \($0.status.rawValue) \($0.answeredOn!) \($0.message ?? "")" } ==
            ["\(other) failed 2012-10-03 账户已销户"])
        let (paid, waiting, payment) = try city.database.read { db in
            (try city.claims.claim(db, id: man)!.claim.status, try city.claims.claim(db, id: other)!.claim.status,
             try ClaimStore.payment(db, claimID: man)!)
        }
        #expect(paid == .paid && waiting == .approved)
        #expect("\(payment.method.rawValue) \(payment.reference) \(payment.paidOn) \(payment.amount)" == "bankTransfer P1-\(man) 2012-10-03 30.00")
        #expect(try ClaimPostingsTests.entries(city, claim: man).last ==
            "payout 2012-10-03 benefit of claim \(man) (policy \(city.inpatientPolicy)), bankTransfer P1-\(man): "
                + "Dr benefits:payable 30.00; Cr fund:cash 30.00")
        let payable = try city.database.read { db in try city.ledger.balance(db, account: .benefitsPayable) }
        #expect(payable == Money(fen: 2_000))
        #expect(try problems() == [])
        // The same answer again is refused, line by line; the failed claim goes in the next batch.
        #expect(city.refusal { db in try payouts.reconcile(db, file: answer, context: city.on("2012-10-05")) } ==
            "E936 reference P1-\(man): line 2: already answered (paid on 2012-10-03)\n"
                + "E936 reference P1-\(other): line 3: already answered (failed on 2012-10-03)")
        let next = try batch("bank2.csv", on: "2012-10-06")
        #expect(next.items.map(\.reference) == ["P2-\(other)"])
    }

    @Test("an unknown reference, a bad status or date refuse the whole answer naming the line; nothing is settled")
    func unknownReference() throws {
        try fundBank()
        try approveBoth()
        try batch()
        let answer = try scratch.file("answer.csv", """
            reference,status,date,message
            P1-\(man),success,2012-10-03,
            P9-99,success,2012-10-03,
            P1-\(other),OK,2012-10-03,
            """)
        #expect(city.refusal { db in try payouts.reconcile(db, file: answer, context: city.on("2012-10-05")) } ==
            "E934 reference P9-99: line 3: not a payment sent to the bank (nor to be settled in this run's scope)\n"
                + "E935 status OK: line 4: expected success, failed, 成功 or 失败")
        let statuses = try city.database.read { db in try String.fetchAll(db, sql: "SELECT status FROM payoutItem ORDER BY id") }
        #expect(statuses == ["sent", "sent"])
        let early = try scratch.file("early.csv", "reference,status,date,message\nP1-\(man),success,2012-09-30,\n")
        #expect(city.refusal { db in try payouts.reconcile(db, file: early, context: city.on("2012-10-05")) } ==
            "E940 date 2012-09-30: line 2: the bank's date is before the batch was sent (2012-10-01) or after today (2012-10-05)")
        let columns = try scratch.file("columns.csv", "reference,status,date\nP1-\(man),success,2012-10-03\n")
        #expect(city.refusal { db in try payouts.reconcile(db, file: columns, context: city.on("2012-10-05")) } ==
            "E937 message: the bank's answer lacks the column message (expected reference,status,date,message)")
    }

    @Test("a GB18030 answer is read")
    func gb18030() throws {
        try fundBank()
        try approveBoth()
        try batch()
        // 成功, 失败 and 户名不符 in GB18030.
        let (success, failed, message): ([UInt8], [UInt8], [UInt8]) = (
            [0xB3, 0xC9, 0xB9, 0xA6], [0xCA, 0xA7, 0xB0, 0xDC], [0xBB, 0xA7, 0xC3, 0xFB, 0xB2, 0xBB, 0xB7, 0xFB])
        let bytes = Array("reference,status,date,message\r\nP1-\(man),".utf8) + success + Array(",2012-10-03,\r\nP1-\(other),".utf8)
            + failed + Array(",2012-10-03,".utf8) + message + Array("\r\n".utf8)
        let answer = try scratch.file("answer.csv", bytes: bytes)
        let result = try city.database.write { db in try payouts.reconcile(db, file: answer, context: city.on("2012-10-05")) }
        #expect(result.failed.map { $0.message ?? "" } == ["户名不符"])
    }

    @Test("the fund-balance check: a batch over the bank balance is refused, nothing written; a dry run writes no file")
    func fundBalance() throws {
        try approveBoth()   // no contribution posted: the bank holds 0.00
        #expect(city.refusal { db in
            try payouts.batch(db, file: scratch.url("bank.csv"), workspace: nil, context: city.on("2012-10-01"))
        } == "E932 batch: the batch's total 50.00 (2 claims) is more than the bank balance 0.00 (fund:cash); pay fewer claims or record the receipts first")
        #expect(!FileManager.default.fileExists(atPath: scratch.url("bank.csv").path))
        let rows = try city.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM payoutItem")! }
        #expect(rows == 0)

        try fundBank()
        let dry = try city.database.write(.dryRun) { session in
            try session.services.payouts.batch(session.connection, file: scratch.url("bank.csv"), workspace: nil,
                                               context: city.on("2012-10-01"))
        }
        #expect(dry.items.count == 2)
        #expect(!FileManager.default.fileExists(atPath: scratch.url("bank.csv").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path).isEmpty)
    }

    @Test("a scoped run sends and settles only its subtree's claims")
    func scoped() throws {
        try fundBank()
        try approveBoth()
        let result = try city.database.write(.commit, scope: .unit("BH")) { session in
            try session.services.payouts.batch(session.connection, file: scratch.url("bh.csv"), workspace: nil,
                                               context: city.on("2012-10-01"))
        }
        #expect(result.items.map(\.claimID) == [man])
        let answer = try scratch.file("answer.csv", "reference,status,date,message\nP1-\(man),success,2012-10-03,\n")
        let other = try city.database.write { db in
            try payouts.batch(db, file: scratch.url("ly.csv"), workspace: nil, context: city.on("2012-10-01"))
        }
        let foreign = try scratch.file("foreign.csv", "reference,status,date,message\n\(other.items[0].reference),success,2012-10-03,\n")
        #expect(validationError {
            try city.database.write(.commit, scope: .unit("BH")) { session in
                try session.services.payouts.reconcile(session.connection, file: foreign, context: city.on("2012-10-05"))
            }
        }?.description == "E934 reference \(other.items[0].reference): line 2: not a payment sent to the bank (nor to be settled in this run's scope)")
        try city.database.write(.commit, scope: .unit("BH")) { session in
            try session.services.payouts.reconcile(session.connection, file: answer, context: city.on("2012-10-05"))
        }
        #expect(try problems() == [])
    }

    @Test("account numbers: UnionPay check digit (E316), 10–30 digits (E317), bank required (E318); masked in errors, results and audit")
    func accounts() throws {
        try approveBoth()
        #expect(city.refusal { db in
            try payouts.setMemberAccount(db, residentID: city.man, bank: "中国银行", account: "6222021234567895", context: city.on("2012-10-01"))
        } == "E316 member 340104********1234: account number 6222 **** **** 7895 is not a valid UnionPay card number (its check digit is wrong); check the card")
        #expect(city.refusal { db in
            try payouts.setMemberAccount(db, residentID: city.man, bank: " ", account: "12345678901x", context: city.on("2012-10-01"))
        } == "E318 member 340104********1234: a payee bank account needs the bank's name (开户行)\n"
            + "E317 member 340104********1234: account number 1234 **** **** 901x must be 10 to 30 digits, nothing else (got 12 characters)")
        let shown = try city.database.write { db in
            try payouts.setMemberAccount(db, residentID: city.man, bank: "建设银行", account: "1234567890123", context: city.on("2012-10-01"))
        }
        #expect(shown == PayeeAccount(name: "张三", bank: "建设银行", account: "1234 **** **** 0123", otherPayee: false))
        #expect(try city.database.read { db in try payouts.payee(db, claimID: man) } == shown)
        #expect(try city.database.read { db in try payouts.payee(db, claimID: other) }?.account == "6228 **** **** 5671")
        #expect(city.refusal { db in
            try payouts.setClaimPayee(db, claimID: other, name: "", bank: "中国银行", account: "6228480012345671", context: city.on("2012-10-01"))
        } == "E939 claim \(other): another payee needs a name")
        let audit = try city.database.read { db in
            try AuditLog.entries(db).filter { ["memberBankAccount", "claimPayee"].contains($0.tableName) }.map(\.summary)
        }
        #expect(!audit.isEmpty && audit.allSatisfy { !$0.contains("1234567890123") && !$0.contains("6228480012345671") })
    }
}
