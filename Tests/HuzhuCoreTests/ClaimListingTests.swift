import GRDB
import Testing
@testable import HuzhuCore

@Suite("Claim listings: scope, filters, overdue")
struct ClaimListingTests {
    @Test("a scoped service sees and changes only its subtree's claims")
    func scope() throws {
        let city = try ClaimCity()
        let (mine, theirs) = try city.database.write { db in
            (try city.claims.report(db, city.inpatient(), context: city.on("2012-09-15")).id!,
             try city.claims.report(db, city.inpatient(city.otherPolicy), context: city.on("2012-09-15")).id!)
        }
        let bh = ClaimService(scope: .unit("BH"))
        try city.database.read { (db: Database) throws in
            #expect(try bh.page(db, after: nil, limit: 10).map(\.id) == [mine])
            #expect(try Array(bh.claims(db)).map(\.id) == [mine])
            #expect(try bh.count(db) == 1)
            #expect(try city.claims.count(db) == 2)
            #expect(try bh.claim(db, id: theirs) == nil)
            #expect(try city.claims.page(db, ClaimFilter(unit: "LY"), after: nil, limit: 10).map(\.id) == [theirs])
        }
        #expect(city.refusal { db in try bh.beginReview(db, claimID: theirs, context: city.on("2012-09-16")) } ==
            "E601 claim \(theirs): no such claim \(theirs)")
        #expect(city.refusal { db in try bh.count(db, ClaimFilter(unit: "LY")) } == "E250 unit LY: unit LY is outside the scope BH")
        #expect(city.refusal { db in try bh.report(db, city.inpatient(city.otherPolicy, incident: "2012-10-01"), context: city.on("2012-10-15")) } ==
            "E250 policy \(city.otherPolicy): unit LY001 is outside the scope BH")
    }

    @Test("filters by status, plan and report date range")
    func filters() throws {
        let city = try ClaimCity()
        let first = try city.underReview(city.inpatient(incident: "2012-09-01"), reported: "2012-09-15")
        let second = try city.database.write { db in
            try city.claims.report(db, city.inpatient(incident: "2012-10-01"), context: city.on("2012-10-15")).id!
        }
        try city.database.read { (db: Database) throws in
            #expect(try city.claims.page(db, ClaimFilter(status: .underReview), after: nil, limit: 10).map(\.id) == [first])
            #expect(try city.claims.page(db, ClaimFilter(status: .reported), after: nil, limit: 10).map(\.id) == [second])
            #expect(try city.claims.page(db, ClaimFilter(planCode: "ACC"), after: nil, limit: 10).isEmpty)
            #expect(try city.claims.page(db, ClaimFilter(from: Fixture.date("2012-10-01"), to: Fixture.date("2012-10-31")),
                                         after: nil, limit: 10).map(\.id) == [second])
            #expect(try city.claims.page(db, ClaimFilter(residentID: city.man), after: first, limit: 10).map(\.id) == [second])
        }
    }

    @Test("overdue lists claims waiting at one step longer than N days, longest first")
    func overdue() throws {
        let city = try ClaimCity()
        let waiting = try city.database.write { db in
            try city.claims.report(db, city.inpatient(incident: "2012-09-01"), context: city.on("2012-09-12")).id!
        }
        let reviewing = try city.underReview(city.inpatient(incident: "2012-09-20"), reported: "2012-10-10")
        let paid = try city.approved(city.inpatient(incident: "2012-08-01"), reported: "2012-08-12").id!
        try city.database.write { db in
            _ = try city.claims.pay(db, claimID: paid, ClaimPayment(amount: Money(fen: 245_000), method: .cash, reference: "C-1",
                                                                    paidOn: Fixture.date("2012-08-12")),
                                    context: city.on("2012-08-12"))
        }
        try city.database.read { (db: Database) throws in
            let october = try city.claims.overdue(db, days: 30, asOf: Fixture.date("2012-10-15"))
            #expect(october.map { "\($0.claim.id!) \($0.claim.status.rawValue) since \($0.since) \($0.days)" } ==
                ["\(waiting) reported since 2012-09-12 33"])
            let november = try city.claims.overdue(db, days: 30, asOf: Fixture.date("2012-11-15"))
            #expect(november.map { "\($0.claim.id!) \($0.days)" } == ["\(waiting) 64", "\(reviewing) 36"])
            #expect(try city.claims.overdue(db, days: 33, asOf: Fixture.date("2012-10-15")).isEmpty)  // exactly 33 is not more
        }
    }
}
