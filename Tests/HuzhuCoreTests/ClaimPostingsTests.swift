import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// One test per row of docs/ledger.md "Claims and payouts": the exact lines each event posts.
/// The man's inpatient claim: self-paid 4,000.00 − 500.00 deductible, × 70% = 2,450.00.
@Suite("claim postings: approval books the payable, payment pays it, reopened claims owe and repay")
struct ClaimPostingsTests {
    /// The entries of a claim after `after`, each as `kind date memo: Dr account amount; Cr account amount`.
    static func entries(_ city: ClaimCity, claim id: Int64, after: Int64 = 0) throws -> [String] {
        try city.database.read { db in
            var result: [String] = []
            let cursor = try city.ledger.journal(db, LedgerFilter(claimID: id))
            while let entry = try cursor.next() {
                guard entry.id! > after else { continue }
                let lines = try city.ledger.lines(db, entryID: entry.id!).map { line in
                    line.debit.fen > 0 ? "Dr \(line.account.rawValue) \(line.debit)" : "Cr \(line.account.rawValue) \(line.credit)"
                }
                result.append("\(entry.kind.rawValue) \(entry.entryDate) \(entry.memo): " + lines.joined(separator: "; "))
            }
            return result
        }
    }

    static func lastEntry(_ city: ClaimCity) throws -> Int64 {
        try city.database.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM ledgerEntry")! }
    }

    /// The ledger check's findings on entries and claims (the fixture posts no contributions, so those are left out).
    static func clean(_ city: ClaimCity) throws -> [String] {
        try city.database.read { db in
            try city.ledger.check(db).discrepancies
                .filter { $0.kind != .contributionAccount && $0.kind != .policyContribution }.map(\.description)
        }
    }

    static func pay(_ city: ClaimCity, _ id: Int64, fen: Int64, on date: String, reference: String = "BK-1",
                    method: PaymentMethod = .cash) throws {
        _ = try city.database.write { db in
            try city.claims.pay(db, claimID: id, ClaimPayment(amount: Money(fen: fen), method: method, reference: reference,
                                                              paidOn: Fixture.date(date)), context: city.on(date))
        }
    }

    /// The claim approved for `approve` and paid on 2012-09-15; then reopened on 10-08 and decided on 10-09.
    static func reopened(_ city: ClaimCity, approve: Int64, decide: ClaimDecision) throws -> (Int64, Int64) {
        let id = try city.underReview(city.inpatient())
        _ = try city.database.write { db in
            try city.claims.review(db, claimID: id, .approve(amount: Money(fen: approve)), context: city.on("2012-09-15"))
        }
        try pay(city, id, fen: approve, on: "2012-09-15")
        let before = try lastEntry(city)
        _ = try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "review", context: city.on("2012-10-08"))
            try city.claims.review(db, claimID: id, decide, context: city.on("2012-10-09"))
        }
        return (id, before)
    }

    @Test("claim approved: Dr benefits:paid, Cr benefits:payable, on the decision's day")
    func approval() throws {
        let city = try ClaimCity()
        let claim = try city.approved(city.inpatient())
        #expect(try Self.entries(city, claim: claim.id!) == [
            "approval 2012-09-15 approval of claim \(claim.id!) (policy \(city.inpatientPolicy)): "
                + "Dr benefits:paid 2450.00; Cr benefits:payable 2450.00",
        ])
        let payable = try city.database.read { db in try city.ledger.balance(db, account: .benefitsPayable) }
        #expect(payable == Money(fen: 245_000))
        #expect(try Self.clean(city) == [])
    }

    @Test("claim paid (huzhu.claims.pay, cash): Dr benefits:payable, Cr fund:cash, on the payment day")
    func payment() throws {
        let city = try ClaimCity()
        let claim = try city.approved(city.inpatient())
        let before = try Self.lastEntry(city)
        try Self.pay(city, claim.id!, fen: 245_000, on: "2012-09-20", reference: "收据-7")
        #expect(try Self.entries(city, claim: claim.id!, after: before) == [
            "payout 2012-09-20 benefit of claim \(claim.id!) (policy \(city.inpatientPolicy)), cash 收据-7: "
                + "Dr benefits:payable 2450.00; Cr fund:cash 2450.00",
        ])
        let (payable, expense) = try city.database.read { db in
            (try city.ledger.balance(db, account: .benefitsPayable), try city.ledger.balance(db, account: .benefitsPaid))
        }
        #expect(payable == .zero && expense == Money(fen: 245_000))
        #expect(try Self.clean(city) == [])
    }

    @Test("approved claim reopened before payment: the approval withdrawn (Dr benefits:payable, Cr benefits:paid)")
    func withdrawn() throws {
        let city = try ClaimCity()
        let claim = try city.approved(city.inpatient())
        let before = try Self.lastEntry(city)
        _ = try city.database.write { db in
            try city.claims.reopen(db, claimID: claim.id!, reason: "wrong invoice", context: city.on("2012-09-18"))
        }
        #expect(try Self.entries(city, claim: claim.id!, after: before) == [
            "approval 2012-09-18 approval withdrawn (reopened) of claim \(claim.id!) (policy \(city.inpatientPolicy)): "
                + "Dr benefits:payable 2450.00; Cr benefits:paid 2450.00",
        ])
        #expect(try Self.clean(city) == [])
    }

    @Test("reopened claim approved higher: the further amount Dr benefits:paid, Cr benefits:payable; then paid out of the payable")
    func further() throws {
        let city = try ClaimCity()
        let (id, before) = try Self.reopened(city, approve: 200_000, decide: .approve())
        #expect(try Self.entries(city, claim: id, after: before) == [
            "approval 2012-10-09 further approval of claim \(id) (policy \(city.inpatientPolicy)): "
                + "Dr benefits:paid 450.00; Cr benefits:payable 450.00",
        ])
        #expect(try Self.clean(city) == [])
        let paidBefore = try Self.lastEntry(city)
        try Self.pay(city, id, fen: 45_000, on: "2012-10-10", reference: "BK-2", method: .bankTransfer)
        #expect(try Self.entries(city, claim: id, after: paidBefore) == [
            "payout 2012-10-10 further benefit of claim \(id) (policy \(city.inpatientPolicy)), bankTransfer BK-2: "
                + "Dr benefits:payable 450.00; Cr fund:cash 450.00",
        ])
        #expect(try Self.clean(city) == [])
    }

    @Test("reopened claim decided lower after payment: owed back Dr members:owe, Cr benefits:paid")
    func owed() throws {
        let city = try ClaimCity()
        let (id, before) = try Self.reopened(city, approve: 245_000, decide: .approve(amount: Money(fen: 200_000)))
        #expect(try Self.entries(city, claim: id, after: before) == [
            "owed 2012-10-09 owed back of claim \(id) (policy \(city.inpatientPolicy)): Dr members:owe 450.00; Cr benefits:paid 450.00",
        ])
        let adjustment = try city.database.read { db in try ClaimStore.adjustments(db, claimID: id) }
        #expect(adjustment.map { "\($0.kind.rawValue) \($0.amount) entry \($0.ledgerEntryID.map(String.init) ?? "-")" } ==
            ["owed 450.00 entry \(before + 1)"])
        #expect(try Self.clean(city) == [])
    }

    @Test("an owed amount cancelled by a higher decision: Dr benefits:paid, Cr members:owe")
    func owedCancelled() throws {
        let city = try ClaimCity()
        let (id, _) = try Self.reopened(city, approve: 245_000, decide: .approve(amount: Money(fen: 200_000)))
        let before = try Self.lastEntry(city)
        _ = try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "invoice found", context: city.on("2012-10-20"))
            try city.claims.review(db, claimID: id, .approve(), context: city.on("2012-10-21"))
        }
        #expect(try Self.entries(city, claim: id, after: before) == [
            "owed 2012-10-21 owed cancelled of claim \(id) (policy \(city.inpatientPolicy)): "
                + "Dr benefits:paid 450.00; Cr members:owe 450.00",
        ])
        #expect(try Self.clean(city) == [])
    }

    @Test("a member's repayment: Dr fund:cash, Cr members:owe; more than owed is E930; the owed list shrinks")
    func repaid() throws {
        let city = try ClaimCity()
        let (id, _) = try Self.reopened(city, approve: 245_000, decide: .reject(.other, note: "not covered"))
        let before = try Self.lastEntry(city)
        let repayment = ClaimRepayment(amount: Money(fen: 100_000), method: .cash, reference: "收据0012",
                                       on: Fixture.date("2012-11-02"))
        let outstanding = try city.database.write { db in
            try city.claims.repay(db, claimID: id, repayment, context: city.on("2012-11-05")).outstanding
        }
        #expect(outstanding == Money(fen: 145_000))
        #expect(try Self.entries(city, claim: id, after: before) == [
            "repayment 2012-11-02 repayment cash 收据0012 of claim \(id) (policy \(city.inpatientPolicy)): "
                + "Dr fund:cash 1000.00; Cr members:owe 1000.00",
        ])
        #expect(try Self.clean(city) == [])
        var tooMuch = repayment
        tooMuch.amount = Money(fen: 145_001)
        #expect(city.refusal { db in try city.claims.repay(db, claimID: id, tooMuch, context: city.on("2012-11-05")) } ==
            "E930 claim \(id): a repayment of 1450.01 is more than the 1450.00 still owed back")
        let owed = try city.database.read { db in try city.claims.owed(db).map { "\($0.claim.id!) \($0.money.outstanding)" } }
        #expect(owed == ["\(id) 1450.00"])
        var rest = repayment
        rest.amount = Money(fen: 145_000)
        _ = try city.database.write { db in try city.claims.repay(db, claimID: id, rest, context: city.on("2012-11-05")) }
        #expect(try city.database.read { db in try city.claims.owed(db) }.isEmpty)
        let audit = try city.database.read { db in
            try AuditLog.entries(db).filter { $0.tableName == "claimRepayment" }.map { "\($0.operation) \($0.rowKey)" }
        }
        #expect(audit == ["recordClaimRepayment 1", "recordClaimRepayment 2"])
        #expect(try Self.clean(city) == [])
    }

    @Test("ledger check: a payable booked without its claim's approval is named on the account and the claim")
    func checkPayable() throws {
        let city = try ClaimCity()
        let claim = try city.approved(city.inpatient())
        try city.database.write { db in
            let (entry, lines) = ClaimRecords.approval(claim, amount: Money(fen: 1_000), context: city.on("2012-09-16"))
            _ = try city.ledger.post(db, entry, lines: lines, operation: "test", context: city.on("2012-09-16"))
        }
        #expect(try Self.clean(city) == [
            "account benefits:paid: ledger 2460.00, claims 2450.00 (differs by 10.00)",
            "account benefits:payable: ledger 2460.00, approved − paid 2450.00 (differs by 10.00)",
            "claim \(claim.id!) benefits:paid: ledger 2460.00, claim 2450.00 (differs by 10.00)",
            "claim \(claim.id!) benefits:payable: ledger 2460.00, claim 2450.00 (differs by 10.00)",
        ])
    }
}
