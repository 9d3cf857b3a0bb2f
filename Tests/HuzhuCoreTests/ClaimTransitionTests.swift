import GRDB
import Testing
@testable import HuzhuCore

@Suite("Claim state machine: each step allowed, each forbidden one refused")
struct ClaimTransitionTests {
    @Test("report → under review → approved → paid, each step an event with its date and operator")
    func happyPath() throws {
        let city = try ClaimCity()
        let claims = city.claims
        let paid = try city.database.write { db in
            let reported = try claims.report(db, city.inpatient(), context: city.on("2012-09-15"))
            #expect(reported.status == .reported)
            #expect(reported.reportDeadline.description == "2012-09-20")  // discharge 09-10 + 10 days
            #expect(reported.lapseDate.description == "2014-09-10")       // discharge 2012-09-10 + 730 days
            #expect(reported.lateReport == false)
            let id = reported.id!
            try claims.beginReview(db, claimID: id, context: city.on("2012-09-16", operator: "reviewer"))
            let approved = try claims.review(db, claimID: id, .approve(note: "ok"), context: city.on("2012-09-20", operator: "reviewer"))
            #expect(approved.approvedAmount == Money(fen: 245_000))  // (4,000.00 − 500.00) × 70% = 2,450.00
            return try claims.pay(db, claimID: id, ClaimPayment(amount: Money(fen: 245_000), method: .bankTransfer,
                                                                reference: "BK-1", paidOn: Fixture.date("2012-09-25")),
                                  context: city.on("2012-09-25", operator: "cashier"))
        }
        #expect(paid.status == .paid)
        let detail = try #require(try city.database.read { db in try claims.claim(db, id: paid.id!) })
        #expect(detail.events.map { "\($0.fromStatus?.rawValue ?? "-")→\($0.toStatus.rawValue) \($0.on) \($0.operatorName)" } == [
            "-→reported 2012-09-15 clerk",
            "reported→underReview 2012-09-16 reviewer",
            "underReview→approved 2012-09-20 reviewer",
            "approved→paid 2012-09-25 cashier",
        ])
        #expect(detail.events.allSatisfy { $0.at == "2012-06-20T01:02:03.456Z" })  // the fixture's clock
        #expect(detail.payment?.amount == Money(fen: 245_000))
        #expect(detail.payment?.reference == "BK-1")
        #expect(detail.reviews.count == 1)
        #expect(detail.reviews[0].computedBase == Money(fen: 400_000))
        #expect(detail.reviews[0].beforeCaps == Money(fen: 245_000))
        #expect(detail.residentID.value == city.man)
        #expect(detail.termLabel == "2012")
        let audited = try city.database.read { (db: Database) throws in
            try AuditLog.entries(db).filter { ["claim", "claimReview", "claimPayment", "ledgerEntry"].contains($0.tableName) }
                .map(\.operation)
        }
        #expect(audited == ["reportClaim", "beginClaimReview", "reviewClaim", "postApproval", "postPayout", "payClaim"])
    }

    @Test("a step from the wrong status is refused with E602, naming both statuses")
    func forbidden() throws {
        let city = try ClaimCity()
        let claims = city.claims
        let id = try city.database.write { db in try claims.report(db, city.inpatient(), context: city.on("2012-09-15")).id! }
        let today = city.on("2012-09-20")
        let pay = ClaimPayment(amount: Money(fen: 245_000), method: .cash, reference: "R-1", paidOn: Fixture.date("2012-09-20"))

        #expect(city.refusal { db in try claims.review(db, claimID: id, .approve(), context: today) } ==
            "E602 claim \(id): cannot approve: the claim is reported, not underReview")
        #expect(city.refusal { db in try claims.review(db, claimID: id, .reject(.other), context: today) } ==
            "E602 claim \(id): cannot reject: the claim is reported, not underReview")
        #expect(city.refusal { db in try claims.pay(db, claimID: id, pay, context: today) } ==
            "E602 claim \(id): cannot pay: the claim is reported, not approved")
        #expect(city.refusal { db in try claims.reopen(db, claimID: id, reason: "again", context: today) } ==
            "E602 claim \(id): cannot reopen: the claim is reported, not rejected, approved or paid")

        try city.database.write { db in _ = try claims.beginReview(db, claimID: id, context: today) }
        #expect(city.refusal { db in try claims.beginReview(db, claimID: id, context: today) } ==
            "E602 claim \(id): cannot begin review: the claim is underReview, not reported")
        #expect(city.refusal { db in try claims.pay(db, claimID: id, pay, context: today) } ==
            "E602 claim \(id): cannot pay: the claim is underReview, not approved")

        try city.database.write { db in _ = try claims.review(db, claimID: id, .approve(), context: today) }
        #expect(city.refusal { db in try claims.review(db, claimID: id, .reject(.other), context: today) } ==
            "E602 claim \(id): cannot reject: the claim is approved, not underReview")
        #expect(city.refusal { db in try claims.recordDocuments(db, claimID: id, provided: [.membershipProof], context: today) } ==
            "E602 claim \(id): cannot record documents: the claim is approved, not reported or underReview")

        try city.database.write { db in _ = try claims.pay(db, claimID: id, pay, context: today) }
        #expect(city.refusal { db in try claims.beginReview(db, claimID: id, context: today) } ==
            "E602 claim \(id): cannot begin review: the claim is paid, not reported")
    }

    @Test("no second payout: the service refuses it (E603) and so does the claimPayment table")
    func paidOnce() throws {
        let city = try ClaimCity()
        let claim = try city.approved(city.inpatient())
        let id = claim.id!
        let payment = ClaimPayment(amount: Money(fen: 245_000), method: .bankTransfer, reference: "BK-1",
                                   paidOn: Fixture.date("2012-09-15"))
        try city.database.write { db in _ = try city.claims.pay(db, claimID: id, payment, context: city.on("2012-09-15")) }
        #expect(city.refusal { db in try city.claims.pay(db, claimID: id, payment, context: city.on("2012-09-16")) } ==
            "E603 claim \(id): already paid 2450.00 on 2012-09-15; a claim is paid once")
        let error = #expect(throws: DatabaseError.self) {
            try city.database.write { db in
                try db.execute(sql: """
                    INSERT INTO claimPayment (claimID, amount, method, reference, paidOn, ledgerEntryID, operator)
                    VALUES (?, 245000, 'cash', 'again', '2012-09-16', 1, 'rogue')
                    """, arguments: [id])
            }
        }
        #expect(error?.message == "UNIQUE constraint failed: claimPayment.claimID")
        let payouts = try city.database.read { (db: Database) throws in
            try Array(city.ledger.journal(db, LedgerFilter(kind: .payout))).map(\.claimID)
        }
        #expect(payouts == [id])
    }

    @Test("payment checks: the approved amount, a reference, not before the approval, not in the future")
    func paymentChecks() throws {
        let city = try ClaimCity()
        let id = try city.approved(city.inpatient(), reported: "2012-09-15").id!
        let bad = ClaimPayment(amount: Money(fen: 245_001), method: .cash, reference: " ", paidOn: Fixture.date("2012-09-14"))
        #expect(city.refusal { db in try city.claims.pay(db, claimID: id, bad, context: city.on("2012-09-15")) } == """
            E618 claim \(id): payment 2450.01 differs from the approved amount 2450.00
            E802 claim \(id): a value is required
            E620 claim \(id): payment date 2012-09-14 is before the approval on 2012-09-15
            """)
        let future = ClaimPayment(amount: Money(fen: 245_000), method: .cash, reference: "R", paidOn: Fixture.date("2012-09-30"))
        #expect(city.refusal { db in try city.claims.pay(db, claimID: id, future, context: city.on("2012-09-15")) } ==
            "E309 claim \(id): 2012-09-30 is after today (2012-09-15)")
    }

    @Test("reopening a rejected claim opens a new review round and keeps the first")
    func reopenRejected() throws {
        let city = try ClaimCity()
        var report = city.inpatient()
        report.documents = [.applicationForm, .idCopy, .dischargeSummary, .settlementSlip, .invoices]  // no bank card
        let id = try city.underReview(report)
        let claims = city.claims
        #expect(city.refusal { db in try claims.review(db, claimID: id, .approve(), context: city.on("2012-09-16")) } ==
            "E657 claim \(id): documents missing: bankCard")
        try city.database.write { db in
            let rejected = try claims.review(db, claimID: id, .reject(.documentsMissing, note: "no bank card"),
                                             context: city.on("2012-09-16"))
            #expect(rejected.status == .rejected)
            #expect(rejected.rejectionReason == .documentsMissing)
        }
        #expect(city.refusal { db in try claims.reopen(db, claimID: id, reason: "  ", context: city.on("2012-09-17")) } ==
            "E802 claim \(id): a value is required")
        try city.database.write { db in
            let reopened = try claims.reopen(db, claimID: id, reason: "bank card received", context: city.on("2012-09-18"))
            let checklist = try claims.recordDocuments(db, claimID: id, provided: [.bankCard], context: city.on("2012-09-18"))
            #expect(checklist.filter { !$0.provided }.isEmpty)
            #expect(reopened.status == .underReview)
            #expect(reopened.rejectionReason == nil)
            let approved = try claims.review(db, claimID: id, .approve(), context: city.on("2012-09-19"))
            #expect(approved.approvedAmount == Money(fen: 245_000))
        }
        let reviews = try city.database.read { db in try claims.reviews(db, claimID: id) }
        #expect(reviews.map(\.round) == [1, 2])
        #expect(reviews[0].decision == .rejected)
        #expect(reviews[0].rejectionReason == .documentsMissing)
        #expect(reviews[0].note == "no bank card")
        #expect(reviews[1].openNote == "bank card received")
        #expect(reviews[1].openedOn.description == "2012-09-18")
        #expect(reviews[1].decision == .approved)
        #expect(reviews[1].approvedAmount == Money(fen: 245_000))
    }

    @Test("reopening an approved, unpaid claim frees its amount from the caps until approved again")
    func reopenApproved() throws {
        let city = try ClaimCity()
        let claim = try city.approved(city.inpatient())
        let id = claim.id!
        try city.database.write { db in
            let reopened = try city.claims.reopen(db, claimID: id, reason: "wrong invoice total", context: city.on("2012-09-16"))
            #expect(reopened.approvedAmount == nil)
            #expect(try BenefitCalculator.usedInTerm(db, memberID: claim.memberID, planTermID: claim.planTermID,
                                                     excluding: nil) == .zero)
            let again = try city.claims.review(db, claimID: id, .approve(amount: Money(fen: 200_000), note: "partial"),
                                               context: city.on("2012-09-17"))
            #expect(again.approvedAmount == Money(fen: 200_000))
        }
        let rounds = try city.database.read { db in try city.claims.reviews(db, claimID: id) }
        #expect(rounds.map { $0.approvedAmount?.fen } == [245_000, 200_000])
    }

    @Test("an unknown claim is E601; claim events cannot be changed")
    func unknownAndAppendOnly() throws {
        let city = try ClaimCity()
        #expect(city.refusal { db in try city.claims.beginReview(db, claimID: 99, context: city.on("2012-09-15")) } ==
            "E601 claim 99: no such claim 99")
        _ = try city.underReview(city.inpatient())
        let error = #expect(throws: DatabaseError.self) {
            try city.database.write { db in try db.execute(sql: "UPDATE claimEvent SET operator = 'rogue'") }
        }
        #expect(error?.message == "claim events are append-only")
    }
}
