import GRDB
import Testing
@testable import HuzhuCore

@Suite("Claim reports: deadlines, lapse and the checks of a report")
struct ClaimDeadlineTests {
    @Test("a report after the report window is flagged late, not refused")
    func lateReport() throws {
        let city = try ClaimCity()
        let claim = try city.database.write { db in try city.claims.report(db, city.inpatient(), context: city.on("2012-09-25")) }
        #expect(claim.status == .reported)
        #expect(claim.reportDeadline.description == "2012-09-20")  // discharge 2012-09-10 + 10 days
        #expect(claim.lateReport)
    }

    @Test("a report after the lapse window is rejected at once with E654, and approval after reopening is refused")
    func lapse() throws {
        let city = try ClaimCity()
        var report = ClaimReport(policyID: city.accidentPolicy, kind: .accident, incidentDate: Fixture.date("2012-08-01"))
        report.admissionDate = Fixture.date("2012-08-01")
        report.dischargeDate = Fixture.date("2012-08-05")
        report.expenses = ClaimExpenses(total: Money(fen: 10_000), insurancePaid: .zero, selfPaid: Money(fen: 10_000))
        report.documents = ClaimDocument.required(for: .accident)
        let claim = try city.database.write { db in try city.claims.report(db, report, context: city.on("2014-08-06")) }
        #expect(claim.lapseDate.description == "2014-08-05")  // 2012-08-05 + 730 days
        #expect(claim.status == .rejected)
        #expect(claim.rejectionReason == .lapsed)
        let id = claim.id!
        let detail = try #require(try city.database.read { db in try city.claims.claim(db, id: id) })
        #expect(detail.events.map(\.toStatus) == [.reported, .underReview, .rejected])
        #expect(detail.reviews.count == 1)
        #expect(detail.reviews[0].rejectionReason == .lapsed)
        #expect(detail.reviews[0].note ==
            "automatic: reported on 2014-08-06, after the claim lapsed on 2014-08-05 (730 days from 2012-08-05)")
        try city.database.write { db in _ = try city.claims.reopen(db, claimID: id, reason: "appeal", context: city.on("2014-08-07")) }
        #expect(city.refusal { db in try city.claims.review(db, claimID: id, .approve(), context: city.on("2014-08-07")) } ==
            "E654 claim \(id): reported on 2014-08-06, after the claim lapsed on 2014-08-05 (730 days from 2012-08-05)")

        // With a later hospital settlement the window counts from the settlement.
        report.incidentDate = Fixture.date("2012-08-02")
        report.settlementDate = Fixture.date("2012-09-01")
        let settled = try city.database.write { db in try city.claims.report(db, report, context: city.on("2014-08-06")) }
        #expect(settled.lapseDate.description == "2014-09-01")
        #expect(settled.status == .reported)
    }

    @Test("every failure of a report is collected")
    func collected() throws {
        let city = try ClaimCity()
        var report = ClaimReport(policyID: city.inpatientPolicy, kind: .death, incidentDate: Fixture.date("2012-09-01"))
        report.admissionDate = Fixture.date("2012-09-05")
        report.dischargeDate = Fixture.date("2012-09-03")
        report.expenses = ClaimExpenses(total: Money(fen: 10_000), insurancePaid: Money(fen: 5_000), selfPaid: Money(fen: 6_000))
        let policy = city.inpatientPolicy
        #expect(city.refusal { db in try city.claims.report(db, report, context: city.on("2012-09-10")) } == """
            E605 policy \(policy): dischargeDate 2012-09-03 is before admissionDate 2012-09-05
            E607 policy \(policy): insurance 50.00 + self-paid 60.00 = 110.00 does not equal the total 100.00
            E604 policy \(policy): plan INP (inpatient) takes no death claims (expected illness, accident)
            """)
        var future = city.inpatient()
        future.reportedOn = Fixture.date("2012-09-30")
        future.expenses = ClaimExpenses(total: Money(fen: -1), insurancePaid: .zero, selfPaid: Money(fen: -1))
        future.dischargeDate = nil
        #expect(city.refusal { db in try city.claims.report(db, future, context: city.on("2012-09-20")) } == """
            E309 policy \(policy): 2012-09-30 is after today (2012-09-20)
            E608 policy \(policy): totalExpense must be 0 or more (got -0.01)
            E608 policy \(policy): selfPaid must be 0 or more (got -0.01)
            E612 policy \(policy): illness claims under plan INP need admission and discharge dates
            """)
    }

    @Test("outside the cover (E651, E606), cancelled (E655) and duplicate (E656) reports are refused")
    func refusedReports() throws {
        let city = try ClaimCity()
        let policy = city.inpatientPolicy
        #expect(city.refusal { db in try city.claims.report(db, city.inpatient(incident: "2012-06-25"), context: city.on("2012-07-10")) } ==
            "E651 policy \(policy): incident on 2012-06-25 is outside the cover of policy \(policy) (2012-07-01 to 2013-06-30)")
        var byMember = ClaimReport(residentID: city.man, planCode: "INP", kind: .illness, incidentDate: Fixture.date("2012-06-25"))
        byMember.admissionDate = Fixture.date("2012-06-25")
        byMember.dischargeDate = Fixture.date("2012-06-30")
        #expect(city.refusal { db in try city.claims.report(db, byMember, context: city.on("2012-07-10")) } ==
            "E606 member 340104********1234: holds no policy of plan INP covering 2012-06-25")
        byMember.incidentDate = Fixture.date("2012-09-01")
        byMember.admissionDate = Fixture.date("2012-09-01")
        byMember.dischargeDate = Fixture.date("2012-09-10")
        let found = try city.database.write { db in try city.claims.report(db, byMember, context: city.on("2012-09-15")) }
        #expect(found.policyID == policy)
        #expect(city.refusal { db in try city.claims.report(db, city.inpatient(), context: city.on("2012-09-15")) } ==
            "E656 policy \(policy): duplicates claim \(found.id!) (same policy, kind and incident date)")
        try city.database.write { db in _ = try EnrollmentService().cancel(db, policyID: city.femalePolicy, reason: "left the plan",
                                                                                 context: city.on("2012-07-02")) }
        var female = ClaimReport(policyID: city.femalePolicy, kind: .femaleDisease, incidentDate: Fixture.date("2012-09-01"))
        female.benefitItemCode = "fibroid"
        #expect(city.refusal { db in try city.claims.report(db, female, context: city.on("2012-09-05")) } ==
            "E655 policy \(city.femalePolicy): policy \(city.femalePolicy) is cancelled from 2012-07-03")
    }

    @Test("names of kinds, documents, reasons and statuses parse, with a clear error otherwise")
    func parsing() throws {
        #expect(try ClaimKind(parsing: "疾病住院") == .illness)
        #expect(try ClaimRejectionReason(parsing: "E652") == .waitingPeriod)
        #expect(try ClaimRejectionReason(parsing: "overCap") == .overCap)
        #expect(try ClaimStatus(parsing: "under_review") == .underReview)
        #expect(try ClaimDocument(parsing: "银行卡") == .bankCard)
        let failure = #expect(throws: ValidationFailure.self) { try ClaimKind(parsing: "flu") }
        #expect(failure?.text() == "E614 kind flu: unknown claim kind \"flu\" (expected one of illness, accident, death, "
            + "disability, femaleDisease, criticalIllness)")
        #expect(ClaimDocument.required(for: .death) ==
            [.applicationForm, .idCopy, .bankCard, .eventAccount, .deathCertificate, .householdDeregistration])
    }
}
