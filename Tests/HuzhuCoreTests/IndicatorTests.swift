import GRDB
import Testing
@testable import HuzhuCore

/// Indicators on the claims city (docs of ClaimCity): BH001 has 10
/// employees and BH002 4 (BH: 14); policies enrolled 2012-06-20, the
/// member paying all: the man INP 36.00 and ACC 2 × 26.00, the woman FEM
/// 25.00 (BH: 2 members, 3 policies, 113.00); the other member INP 36.00 in LY001.
///
/// Claims: c1 the man's, reported and approved 09-15, paid 09-25 (10 days);
/// c2 the man's, reported 10-01 and left under review; c3 the woman's,
/// reported 11-01, rejected 11-05; c4 the other's (LY), reported 10-10,
/// approved and paid 10-30 (20 days).
@Suite("Indicators")
struct IndicatorTests {
    let city: ClaimCity
    let service = IndicatorService()
    let paid = Money(fen: 245_000)   // (4,000.00 self-paid − 500.00) × 70%

    init() throws {
        city = try ClaimCity()
        let c1 = try city.approved(city.inpatient(incident: "2012-09-01"), reported: "2012-09-15")
        let c4 = try city.approved(city.inpatient(city.otherPolicy, incident: "2012-09-20"), reported: "2012-10-10")
        _ = try city.underReview(city.inpatient(incident: "2012-09-20", days: 3), reported: "2012-10-01")
        var fem = ClaimReport(policyID: city.femalePolicy, kind: .femaleDisease, incidentDate: Fixture.date("2012-10-20"))
        fem.benefitItemCode = "fibroid"
        let c3 = try city.underReview(fem, reported: "2012-11-01")
        try city.database.write { [city] db in
            _ = try city.claims.pay(db, claimID: c1.id!, ClaimPayment(amount: c1.approvedAmount!, method: .bankTransfer,
                                                                     reference: "T1", paidOn: Fixture.date("2012-09-25")),
                                    context: city.on("2012-09-25"))
            _ = try city.claims.pay(db, claimID: c4.id!, ClaimPayment(amount: c4.approvedAmount!, method: .bankTransfer,
                                                                     reference: "T4", paidOn: Fixture.date("2012-10-30")),
                                    context: city.on("2012-10-30"))
            _ = try city.claims.review(db, claimID: c3, .reject(.documentsMissing), context: city.on("2012-11-05"))
        }
    }

    func figures(_ unit: String, _ from: String = "2012-01-01", _ to: String = "2012-12-31", overdue: Int = 30) throws -> Indicators {
        try city.database.read { db in
            try service.indicators(db, unitCode: unit, from: Fixture.date(from), to: Fixture.date(to), overdueDays: overdue)
        }
    }

    @Test("BH over 2012: 2 of 14 employees, coverage per plan, 113.00 by payer, claims 3 reported, 1 paid in 10 days, 1 rejected, 1 overdue")
    func wholeYear() throws {
        let bh = try figures("BH")
        #expect(bh.employees == 14)
        #expect(bh.enrolledMembers == 2)
        #expect(bh.participation == 2.0 * 100 / 14)
        #expect(bh.coverage == ["INP": 1, "ACC": 1, "FEM": 1])
        #expect(bh.policies == 3)
        #expect(bh.contributions == Money(fen: 3_600 + 5_200 + 2_500))
        #expect(bh.split == ContributionSplit(administration: .zero, union: .zero, member: Money(fen: 11_300)))
        #expect(bh.claimsReported == 3)
        #expect(bh.claimsRejected == 1)
        #expect(bh.claimsPaid == 1)
        #expect(bh.amountPaid == paid)
        #expect(bh.averageDaysToPay == 10)
        #expect(bh.p90DaysToPay == 10)
        #expect(bh.overdueClaims == 1)   // c2: under review since 10-01, more than 30 days by 12-31
        #expect(bh.target == nil)
    }

    @Test("as of a past date, claims count by what had happened by then")
    func pastDate() throws {
        let september = try figures("BH", "2012-01-01", "2012-09-20")
        #expect(september.claimsReported == 1)
        #expect(september.claimsPaid == 0)
        #expect(september.overdueClaims == 0)
        let october = try figures("BH", "2012-10-01", "2012-10-20", overdue: 10)
        #expect(october.claimsReported == 1)         // c2 only
        #expect(october.overdueClaims == 1)          // c2: 19 days under review
        #expect(october.policies == 0)               // none enrolled in October
        #expect(october.enrolledMembers == 2)        // but both covered
        #expect(october.averageDaysToPay == nil)
    }

    @Test("a level: one figure set per district in path order, the federation's totals add up")
    func level() throws {
        let districts = try city.database.read { db in
            try service.indicators(db, level: .district, from: Fixture.date("2012-01-01"), to: Fixture.date("2012-12-31"))
        }
        #expect(districts.map(\.unitCode) == ["BH", "LY"])
        let ly = districts[1]
        #expect(ly.employees == 0 && ly.participation == 0)
        #expect(ly.enrolledMembers == 1)
        #expect(ly.claimsPaid == 1 && ly.averageDaysToPay == 20)
        #expect(districts[0] == (try figures("BH")))
        let fed = try figures("FED")
        #expect(fed.claimsPaid == 2 && fed.averageDaysToPay == 15 && fed.p90DaysToPay == 20)
        #expect(fed.contributions == Money(fen: 11_300 + 3_600))
    }

    @Test("a level of leaf units (grouped by unit, no join) gives what each unit's subtree gives")
    func leafLevel() throws {
        let all = try city.database.read { db in
            try service.indicators(db, level: .grassroots, from: Fixture.date("2012-01-01"), to: Fixture.date("2012-12-31"))
        }
        #expect(all.map(\.unitCode) == ["BH001", "BH002", "LY001"])
        for figures in all { #expect(figures == (try self.figures(figures.unitCode))) }
        #expect(all[0].enrolledMembers == 2 && all[0].coverage == ["INP": 1, "ACC": 1, "FEM": 1] && all[0].claimsPaid == 1)
    }

    @Test("coverage per plan is the same counted in the main pass or in a pass of its own (many plans)")
    func coverageTwoWays() throws {
        var separate = IndicatorService()
        separate.plansCountedInOnePass = 0
        for level in [UnitKind.district, .grassroots] {
            let (one, two) = try city.database.read { db in
                (try service.indicators(db, level: level, from: Fixture.date("2012-01-01"), to: Fixture.date("2012-12-31")),
                 try separate.indicators(db, level: level, from: Fixture.date("2012-01-01"), to: Fixture.date("2012-12-31")))
            }
            #expect(one == two)
        }
    }

    @Test("90th percentile by nearest rank")
    func percentile() {
        var f = Indicators(unitCode: "X", from: Fixture.date("2012-01-01"), to: Fixture.date("2012-12-31"), overdueDays: 30)
        IndicatorService.setDaysToPay(&f, Array(1...10).reversed())
        #expect(f.p90DaysToPay == 9 && f.averageDaysToPay == 5.5)
        IndicatorService.setDaysToPay(&f, Array(1...11))
        #expect(f.p90DaysToPay == 10)
        IndicatorService.setDaysToPay(&f, [7])
        #expect(f.p90DaysToPay == 7)
    }

    @Test("target completion is part of the indicators; scope and dates are checked")
    func targetAndErrors() throws {
        _ = try city.database.write { db in
            try TargetService().set(db, Target(unitCode: "BH", year: 2012, members: 4, contributions: Money(fen: 22_600)),
                                    context: Fixture.context())
        }
        let target = try #require(try figures("BH").target)
        #expect(target.membersCompletion == 50 && target.contributionsCompletion == 50 && target.onTrack == false)
        let scoped = IndicatorService(scope: .unit("LY"))
        let outside = validationError {
            try city.database.read { db in
                try scoped.indicators(db, unitCode: "BH", from: Fixture.date("2012-01-01"), to: Fixture.date("2012-12-31"))
            }
        }
        #expect(outside?.failures.map(\.code) == [250])
        let backwards = validationError { try figures("BH", "2012-12-31", "2012-01-01") }
        #expect(backwards?.failures.first?.message() == "the period ends on 2012-01-01, before it starts on 2012-12-31")
    }
}
