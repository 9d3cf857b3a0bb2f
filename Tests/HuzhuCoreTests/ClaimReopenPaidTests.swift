import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// 复核 of a paid claim: the man's inpatient claim (self-paid 4,000.00 − 500.00 deductible, × 70% = 2,450.00).
@Suite("reopening a paid claim: further payments and amounts owed back")
struct ClaimReopenPaidTests {
    /// The city with every contribution posted (so the ledger check covers the whole book) and
    /// the inpatient claim approved for `amount` and paid on 2012-09-15; returns the claim id.
    func paidClaim(_ city: ClaimCity, amount: Int64 = 245_000) throws -> Int64 {
        try city.database.write { db in
            for id in [city.inpatientPolicy, city.accidentPolicy, city.femalePolicy, city.otherPolicy] {
                let policy = try PolicyStore.policy(db, id: id)!
                try city.ledger.postContribution(db, policy: policy, context: city.on("2012-06-20"))
            }
        }
        let id = try city.underReview(city.inpatient())
        try city.database.write { db in
            try city.claims.review(db, claimID: id, .approve(amount: Money(fen: amount)), context: city.on("2012-09-15"))
            try city.claims.pay(db, claimID: id, ClaimPayment(amount: Money(fen: amount), method: .bankTransfer, reference: "BK-1",
                                                              paidOn: Fixture.date("2012-09-15")), context: city.on("2012-09-15"))
        }
        return id
    }

    /// The ledger check's and the doctor's payouts and audit findings (all empty when the books agree).
    func problems(_ city: ClaimCity) throws -> [String] {
        try city.database.read { db in
            let ledger = try city.ledger.check(db).discrepancies.map(\.description)
            let doctor = Doctor().run(db, DoctorEnvironment()).results.filter { ["payouts", "audit", "ledger"].contains($0.name) }
            return ledger + doctor.flatMap(\.findings.problems)
        }
    }

    func events(_ city: ClaimCity, _ id: Int64) throws -> [String] {
        try city.database.read { db in
            try city.claims.events(db, claimID: id).map {
                "\($0.fromStatus?.rawValue ?? "-")→\($0.toStatus.rawValue) \($0.on)" + ($0.note.map { " \($0)" } ?? "")
            }
        }
    }

    @Test("approved for more: the claim waits for the difference, paid as a further payment with its own payout")
    func higher() throws {
        let city = try ClaimCity()
        let id = try paidClaim(city, amount: 200_000)
        let claim = try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "invoice missed", context: city.on("2012-10-08"))
            return try city.claims.review(db, claimID: id, .approve(), context: city.on("2012-10-09"))
        }
        #expect(claim.status == .approved)
        #expect(claim.approvedAmount == Money(fen: 245_000))
        // Before the difference is paid the books still agree (an approval owes nothing yet).
        #expect(try problems(city) == [])

        let full = ClaimPayment(amount: Money(fen: 245_000), method: .bankTransfer, reference: "BK-2", paidOn: Fixture.date("2012-10-10"))
        #expect(city.refusal { db in try city.claims.pay(db, claimID: id, full, context: city.on("2012-10-10")) } ==
            "E623 claim \(id): payment 2450.00 differs from the amount still due 450.00 (approved 2450.00, paid 2000.00 so far)")
        var difference = full
        difference.amount = Money(fen: 45_000)
        let paid = try city.database.write { db in try city.claims.pay(db, claimID: id, difference, context: city.on("2012-10-10")) }
        #expect(paid.status == .paid)
        #expect(city.refusal { db in try city.claims.pay(db, claimID: id, difference, context: city.on("2012-10-11")) } ==
            "E603 claim \(id): already paid 2000.00 on 2012-09-15; a claim is paid once")

        let detail = try city.database.read { db in try city.claims.claim(db, id: id)! }
        #expect(detail.money == ClaimMoney(paid: Money(fen: 245_000), owed: .zero))
        #expect(detail.adjustments.map { "\($0.kind.rawValue) \($0.amount) round \($0.round) \($0.on)" } ==
            ["furtherPayment 450.00 round 2 2012-10-10"])
        #expect(try events(city, id).suffix(3) == [
            "paid→underReview 2012-10-08 invoice missed",
            "underReview→approved 2012-10-09",
            "approved→paid 2012-10-10 further payment bankTransfer BK-2",
        ])
        let benefits = try city.database.read { db in try city.ledger.balance(db, account: .benefitsPaid) }
        #expect(benefits == Money(fen: 245_000))
        #expect(try problems(city) == [])
        let audited = try city.database.read { db in
            try AuditLog.entries(db).filter { ["claimReview", "claimAdjustment", "ledgerEntry", "claim"].contains($0.tableName) }
                .suffix(5).map { "\($0.operation) \($0.tableName)" }
        }
        #expect(audited == ["reopenClaim claimReview", "reviewClaim claim", "postApproval ledgerEntry", "postPayout ledgerEntry",
                            "payClaimDifference claimAdjustment"])
    }

    @Test("approved for less: paid again at once, the difference owed back; a later higher decision cancels it first")
    func lower() throws {
        let city = try ClaimCity()
        let id = try paidClaim(city)
        let claim = try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "invoice counted twice", context: city.on("2012-10-08"))
            return try city.claims.review(db, claimID: id, .approve(amount: Money(fen: 200_000)), context: city.on("2012-10-09"))
        }
        #expect(claim.status == .paid)
        #expect(try events(city, id).suffix(2) == [
            "underReview→approved 2012-10-09",
            "approved→paid 2012-10-09 automatic: review round 2 approved 2000.00; paid 2450.00 so far; 450.00 owed back",
        ])
        let owed = try city.database.read { db in try city.claims.owed(db) }
        #expect(owed.map { "\($0.claim.id!) \($0.residentID.value) \($0.money.paid) \($0.money.owed) \($0.since)" } ==
            ["\(id) \(city.man) 2450.00 450.00 2012-10-09"])
        #expect(try city.database.read { db in try city.claims.owed(db, ClaimFilter(unit: "LY")) }.isEmpty)
        #expect(try city.database.read { db in try ClaimService(scope: .unit("LY")).owed(db) }.isEmpty)
        // The expense is what the member keeps: 2,450.00 paid less 450.00 owed back (members:owe).
        #expect(try city.database.read { db in try city.ledger.balance(db, account: .benefitsPaid) } == Money(fen: 200_000))
        #expect(try city.database.read { db in try city.ledger.balance(db, account: .membersOwe) } == Money(fen: 45_000))
        #expect(try problems(city) == [])

        try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "second invoice was real", context: city.on("2012-10-20"))
            try city.claims.review(db, claimID: id, .approve(amount: Money(fen: 230_000)), context: city.on("2012-10-21"))
        }
        let detail = try city.database.read { db in try city.claims.claim(db, id: id)! }
        #expect(detail.claim.status == .paid)
        #expect(detail.money == ClaimMoney(paid: Money(fen: 245_000), owed: Money(fen: 15_000)))
        #expect(detail.adjustments.map { "\($0.kind.rawValue) \($0.amount)" } == ["owed 450.00", "owedCancelled 300.00"])
        #expect(try problems(city) == [])

        // Raised above what was paid: the rest of the owed amount is cancelled and the remainder paid.
        try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "third look", context: city.on("2012-10-22"))
            let claim = try city.claims.review(db, claimID: id, .approve(amount: Money(fen: 245_000)), context: city.on("2012-10-22"))
            #expect(claim.status == .paid)
        }
        #expect(try city.database.read { db in try city.claims.owed(db) }.isEmpty)
        #expect(try problems(city) == [])
    }

    @Test("rejected on review: everything paid is owed back, the payment stays in the books")
    func rejected() throws {
        let city = try ClaimCity()
        let id = try paidClaim(city)
        let claim = try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "fraud", context: city.on("2012-10-08"))
            return try city.claims.review(db, claimID: id, .reject(.excludedCause), context: city.on("2012-10-09"))
        }
        #expect(claim.status == .rejected)
        let detail = try city.database.read { db in try city.claims.claim(db, id: id)! }
        #expect(detail.money == ClaimMoney(paid: Money(fen: 245_000), owed: Money(fen: 245_000)))
        #expect(try problems(city) == [])
    }

    @Test("the database refuses changing an adjustment or a second first payout")
    func appendOnly() throws {
        let city = try ClaimCity()
        let id = try paidClaim(city)
        try city.database.write { db in
            try city.claims.reopen(db, claimID: id, reason: "x", context: city.on("2012-10-08"))
            try city.claims.review(db, claimID: id, .approve(amount: Money(fen: 100_000)), context: city.on("2012-10-09"))
        }
        #expect(throws: DatabaseError.self) {
            try city.database.write { db in try db.execute(sql: "UPDATE claimAdjustment SET amount = 1") }
        }
        #expect(throws: DatabaseError.self) {
            try city.database.write { db in try db.execute(sql: "DELETE FROM claimAdjustment") }
        }
        #expect(throws: DatabaseError.self) {
            try city.database.write { db in
                try db.execute(sql: """
                    INSERT INTO ledgerEntry (entryDate, kind, memo, claimID, unitCode, at, operator)
                    VALUES ('2012-10-09', 'payout', 'benefit again', ?, 'BH001', '2012-10-09T08:00:00.000Z', 'x')
                    """, arguments: [id])
            }
        }
    }
}
