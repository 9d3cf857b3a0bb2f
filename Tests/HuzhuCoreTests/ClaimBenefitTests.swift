import GRDB
import Testing
@testable import HuzhuCore

@Suite("Claim benefits: ratio, fixed sums, caps, waiting period, top-ups")
struct ClaimBenefitTests {
    @Test("ratio plans: (base − deductible) × ratio, half-up to the fen")
    func ratio() throws {
        let city = try ClaimCity()
        let plan = try city.database.read { db in try #require(try PlanService().plan(db, code: "INP")) }
        func amount(selfPaid: Int64) throws -> Money {
            try BenefitCalculator.compute(BenefitInput(plan: plan, expenses: ClaimExpenses(
                total: Money(fen: selfPaid), insurancePaid: .zero, selfPaid: Money(fen: selfPaid)),
                incidentDate: Fixture.date("2012-09-01"), coverStart: Fixture.date("2012-07-01"))).amount
        }
        #expect(try amount(selfPaid: 400_000) == Money(fen: 245_000))  // (4,000.00 − 500.00) × 70% = 2,450.00
        #expect(try amount(selfPaid: 100_001) == Money(fen: 35_001))   // 500.01 × 70% = 350.007 → 350.01
        #expect(try amount(selfPaid: 100_005) == Money(fen: 35_004))   // 500.05 × 70% = 350.035 → 350.04 (half up)
        #expect(try amount(selfPaid: 40_000) == .zero)                 // 400.00 is under the 500.00 deductible
        var byTotal = plan
        byTotal.benefitBase = .total
        let breakdown = try BenefitCalculator.compute(BenefitInput(plan: byTotal, expenses: ClaimExpenses(
            total: Money(fen: 1_000_000), insurancePaid: Money(fen: 600_000), selfPaid: Money(fen: 400_000)),
            incidentDate: Fixture.date("2012-09-01"), coverStart: Fixture.date("2012-07-01")))
        #expect(breakdown.amount == Money(fen: 665_000))  // (10,000.00 − 500.00) × 70% = 6,650.00
        #expect(breakdown.explanation == ["total 10000.00 − deductible 500.00 = 9500.00", "× 70.00% = 6650.00"])
    }

    @Test("a claim under the deductible is refused E661 at approval")
    func belowDeductible() throws {
        let city = try ClaimCity()
        let id = try city.underReview(city.inpatient(selfPaid: 40_000))
        #expect(city.refusal { db in try city.claims.review(db, claimID: id, .approve(), context: city.on("2012-09-16")) } ==
            "E661 claim \(id): expenses 400.00 do not exceed the deductible 500.00")
    }

    @Test("caps per claim and per term across every approved or paid claim of the term")
    func caps() throws {
        let city = try ClaimCity()
        // Each claim: self-paid 40,000.00 → (40,000.00 − 500.00) × 70% = 27,650.00 before caps.
        let first = try city.approved(city.inpatient(incident: "2012-09-01", selfPaid: 4_000_000), reported: "2012-12-20")
        #expect(first.approvedAmount == Money(fen: 2_000_000))   // per-claim cap 20,000.00
        let second = try city.approved(city.inpatient(incident: "2012-10-01", selfPaid: 4_000_000), reported: "2012-12-20")
        try city.database.write { db in
            _ = try city.claims.pay(db, claimID: second.id!, ClaimPayment(amount: Money(fen: 2_000_000), method: .bankTransfer,
                                                                         reference: "BK-2", paidOn: Fixture.date("2012-12-20")),
                                    context: city.on("2012-12-20"))
        }
        let thirdID = try city.underReview(city.inpatient(incident: "2012-11-01", selfPaid: 4_000_000), reported: "2012-12-20")
        let breakdown = try city.database.read { db in try city.claims.benefit(db, claimID: thirdID) }
        #expect(breakdown.beforeCaps == Money(fen: 2_765_000))
        #expect(breakdown.usedInTerm == Money(fen: 4_000_000))   // 20,000.00 approved + 20,000.00 paid
        #expect(breakdown.capApplied == .perTerm)
        #expect(breakdown.amount == Money(fen: 1_000_000))       // 50,000.00 − 40,000.00 left in the term
        #expect(breakdown.explanation == [
            "self-paid 40000.00 − deductible 500.00 = 39500.00", "× 70.00% = 27650.00",
            "per-term cap 50000.00 less 40000.00 already used → 10000.00",
        ])
        let third = try city.database.write { db in try city.claims.review(db, claimID: thirdID, .approve(), context: city.on("2012-12-20")) }
        #expect(third.approvedAmount == Money(fen: 1_000_000))
        let fourthID = try city.underReview(city.inpatient(incident: "2012-12-01", selfPaid: 400_000), reported: "2012-12-20")
        #expect(city.refusal { db in try city.claims.review(db, claimID: fourthID, .approve(), context: city.on("2012-12-20")) } ==
            "E658 claim \(fourthID): the per-term cap 50000.00 is used up (50000.00 approved or paid in term 2012)")
        // A rejected claim frees nothing it never took; rejecting the third frees its 10,000.00.
        try city.database.write { db in
            _ = try city.claims.reopen(db, claimID: thirdID, reason: "duplicate invoice", context: city.on("2012-12-21"))
            _ = try city.claims.review(db, claimID: thirdID, .reject(.duplicate), context: city.on("2012-12-21"))
            let fourth = try city.claims.review(db, claimID: fourthID, .approve(), context: city.on("2012-12-21"))
            #expect(fourth.approvedAmount == Money(fen: 245_000))  // 2,450.00 fits in the 10,000.00 left
        }
    }

    @Test("no benefit in the waiting period, counted from the member's own policy start; accident plans have none")
    func waitingPeriod() throws {
        let city = try ClaimCity()
        // INP: cover from 2012-07-01, 30 days of waiting → claims paid from 2012-07-31.
        let early = try city.underReview(city.inpatient(incident: "2012-07-20"), reported: "2012-08-01")
        #expect(city.refusal { db in try city.claims.review(db, claimID: early, .approve(), context: city.on("2012-08-02")) } ==
            "E652 claim \(early): incident on 2012-07-20 is in the waiting period (30 days from 2012-07-01; covered from 2012-07-31)")
        let breakdown = try city.database.read { db in try city.claims.benefit(db, claimID: early) }
        #expect(breakdown.inWaitingPeriod)
        #expect(breakdown.amount == .zero)
        let rejected = try city.database.write { db in
            try city.claims.review(db, claimID: early, .reject(.waitingPeriod), context: city.on("2012-08-02"))
        }
        #expect(rejected.rejectionReason?.rawValue == 652)
        #expect(rejected.rejectionReason?.text(.chinese) == "E652 等待期内出险")
        let firstCoveredDay = try city.approved(city.inpatient(incident: "2012-07-31"), reported: "2012-08-10")
        #expect(firstCoveredDay.approvedAmount == Money(fen: 245_000))

        // A member enrolled mid-term waits from their own start (2012-08-15), not the term's.
        let late = Fixture.residentID(birth: "19820505", sequence: 33)
        let policyID = try city.database.write { db in
            try Fixture.member(db, late, name: "赵六")
            return try EnrollmentService().enroll(db, EnrollmentRequest(residentID: late, planCode: "INP"),
                                                  context: city.on("2012-08-15")).id!
        }
        let lateID = try city.underReview(city.inpatient(policyID, incident: "2012-09-01"), reported: "2012-09-15")
        let lateBreakdown = try city.database.read { db in try city.claims.benefit(db, claimID: lateID) }
        #expect(lateBreakdown.coverStart.description == "2012-08-15")
        #expect(lateBreakdown.coveredFrom.description == "2012-09-14")  // 2012-08-15 + 30 days
        #expect(lateBreakdown.amount == .zero)

        // Accident: no waiting period; ACC pays 100% of the self-paid amount.
        var accident = ClaimReport(policyID: city.accidentPolicy, kind: .accident, incidentDate: Fixture.date("2012-07-01"))
        accident.admissionDate = Fixture.date("2012-07-01")
        accident.dischargeDate = Fixture.date("2012-07-05")
        accident.expenses = ClaimExpenses(total: Money(fen: 100_000), insurancePaid: Money(fen: 60_000), selfPaid: Money(fen: 40_000))
        accident.documents = ClaimDocument.required(for: .accident)
        #expect(try city.approved(accident, reported: "2012-07-10").approvedAmount == Money(fen: 40_000))  // 400.00 × 100%
    }

    @Test("fixed schedules pay the item's sum × shares and need a known item")
    func fixedSchedule() throws {
        let city = try ClaimCity()
        var report = ClaimReport(policyID: city.femalePolicy, kind: .femaleDisease, incidentDate: Fixture.date("2012-09-01"))
        report.documents = ClaimDocument.required(for: .femaleDisease)
        let policy = city.femalePolicy
        #expect(city.refusal { db in try city.claims.report(db, report, context: city.on("2012-09-05")) } ==
            "E610 policy \(policy): plan FEM pays fixed sums; name one of its items (cancer, both, one, fibroid)")
        report.benefitItemCode = "lung"
        #expect(city.refusal { db in try city.claims.report(db, report, context: city.on("2012-09-05")) } ==
            "E609 policy \(policy): plan FEM has no benefit item lung")
        report.benefitItemCode = "cancer"
        let claim = try city.approved(report, reported: "2012-09-05")
        #expect(claim.approvedAmount == Money(fen: 600_000))  // 6,000.00 × 1 share
        let plan = try city.database.read { db in try #require(try PlanService().plan(db, code: "FEM")) }
        let twoShares = try BenefitCalculator.compute(BenefitInput(plan: plan, shares: 2, benefitItemCode: "one",
                                                                   incidentDate: Fixture.date("2012-09-01"),
                                                                   coverStart: Fixture.date("2012-07-01")))
        #expect(twoShares.amount == Money(fen: 400_000))  // 2,000.00 × 2 shares
        #expect(twoShares.explanation == ["fixed sum for one × 2 share(s) = 4000.00"])
    }

    @Test("a top-up proposal is capped at the plan's limits and recorded with its rule")
    func topUp() throws {
        let city = try ClaimCity()
        let rule = "rules/benefit.lua", hash = "ab12cd34"
        func approve(_ id: Int64, _ proposed: Int64) throws -> Claim {
            try city.database.write { db in
                try city.claims.review(db, claimID: id, .approve(topUp: TopUpProposal(amount: Money(fen: proposed), ruleName: rule,
                                                                                      ruleSHA256: hash, note: "union doubles it")),
                                       context: city.on("2012-12-20"))
            }
        }
        let first = try city.underReview(city.inpatient(incident: "2012-09-01"), reported: "2012-12-20")
        #expect(try approve(first, 3_000_000).approvedAmount == Money(fen: 2_000_000))  // 30,000.00 → per-claim cap 20,000.00
        let second = try city.underReview(city.inpatient(incident: "2012-10-01"), reported: "2012-12-20")
        #expect(try approve(second, 2_500_000).approvedAmount == Money(fen: 2_000_000))  // per-claim cap again
        let third = try city.underReview(city.inpatient(incident: "2012-11-01"), reported: "2012-12-20")
        #expect(try approve(third, 1_500_000).approvedAmount == Money(fen: 1_000_000))   // 50,000.00 − 40,000.00 left
        let reviews = try city.database.read { db in try [first, third].map { try city.claims.reviews(db, claimID: $0)[0] } }
        #expect(reviews[0].computedAmount == Money(fen: 245_000))  // what the core computed
        #expect(reviews[0].topUpProposed == Money(fen: 3_000_000))
        #expect(reviews[0].topUpCapped == Money(fen: 2_000_000))
        #expect(reviews[0].topUpRule == rule)
        #expect(reviews[0].topUpRuleSHA256 == hash)
        #expect(reviews[0].topUpNote == "union doubles it")
        #expect(reviews[1].topUpCapped == Money(fen: 1_000_000))

        let fourth = try city.underReview(city.inpatient(incident: "2012-12-01"), reported: "2012-12-20")
        #expect(city.refusal { db in
            try city.claims.review(db, claimID: fourth, .approve(topUp: TopUpProposal(amount: Money(fen: -100), ruleName: rule,
                                                                                       ruleSHA256: "")),
                                   context: city.on("2012-12-20"))
        } == """
            E622 claim \(fourth): a proposed amount needs its rule's name and version hash
            E621 claim \(fourth): rule rules/benefit.lua proposes -1.00; a benefit is 0.00 or more
            E658 claim \(fourth): the per-term cap 50000.00 is used up (50000.00 approved or paid in term 2012)
            """)
    }

    @Test("an explicit amount may not exceed the benefit (E617)")
    func explicitAmount() throws {
        let city = try ClaimCity()
        let id = try city.underReview(city.inpatient())
        #expect(city.refusal { db in
            try city.claims.review(db, claimID: id, .approve(amount: Money(fen: 245_001)), context: city.on("2012-09-16"))
        } == "E617 claim \(id): approved amount 2450.01 must be more than 0.00 and at most the benefit 2450.00")
    }
}
