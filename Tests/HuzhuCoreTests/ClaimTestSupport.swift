import Foundation
import GRDB
@testable import HuzhuCore

/// The claims fixture: the shared city plus an inpatient plan, three members
/// enrolled on 2012-06-20 (cover from 2012-07-01), and helpers for reports.
///
/// INP 住院医疗: 36 yuan, 70% of the self-paid amount above a 500.00
/// deductible, per-claim cap 20,000.00, per-term cap 50,000.00, 30-day
/// waiting period, term "2012" from 2012-07-01 to 2013-06-30.
struct ClaimCity {
    let database: HuzhuDatabase
    /// A man born 1980-01-01 in BH001.
    let man = "340104198001011234"
    /// A woman born 1990-06-15 in BH001.
    let woman = "340104199006150027"
    /// A man in LY001 (another district).
    let other = Fixture.residentID(birth: "19850303", sequence: 21)
    let claims = ClaimService()
    let ledger = LedgerService()
    /// The man's INP policy.
    var inpatientPolicy: Int64 = 0
    /// The man's ACC policy (2 shares).
    var accidentPolicy: Int64 = 0
    /// The woman's FEM policy.
    var femalePolicy: Int64 = 0
    /// The other member's INP policy.
    var otherPolicy: Int64 = 0

    init() throws {
        database = try Fixture.city()
        let seed = Fixture.context(operator: "seed")
        let enrollment = EnrollmentService(postsContributions: false)   // the ledger tests post by hand
        var ids: [Int64] = []
        try database.write { [man, woman, other] db in
            let inpatient = try PlanService().create(db, Plan(code: "INP", name: "住院医疗", kind: .inpatient, pricePerShare: Money(fen: 3600),
                                              waitingPeriodDays: 30, deductible: Money(fen: 50_000), paymentRatio: 7000,
                                              perClaimCap: Money(fen: 2_000_000), perTermCap: Money(fen: 5_000_000)),
                                     context: seed)
            try PlanService().addTerm(db, planCode: "INP", label: "2012", start: Fixture.date("2012-07-01"), years: 1,
                                      rules: inpatient.rules, context: seed)
            try Fixture.member(db, man)
            try Fixture.member(db, woman, name: "李四")
            try Fixture.member(db, other, unit: "LY001", name: "王五")
            for (id, plan, shares) in [(man, "INP", 1), (man, "ACC", 2), (woman, "FEM", 1), (other, "INP", 1)] {
                ids.append(try enrollment.enroll(db, EnrollmentRequest(residentID: id, planCode: plan, shares: shares),
                                                 context: seed).id!)
            }
        }
        (inpatientPolicy, accidentPolicy, femalePolicy, otherPolicy) = (ids[0], ids[1], ids[2], ids[3])
    }

    /// A context on a business date.
    func on(_ date: String, operator name: String = "clerk") -> WriteContext {
        Fixture.context(operator: name, today: Fixture.date(date))
    }

    /// An inpatient illness report: admitted on `incident`, discharged `days` later,
    /// self-paid `selfPaid` fen of a bill twice as large, every document handed in.
    func inpatient(_ policyID: Int64? = nil, incident: String = "2012-09-01", days: Int = 9,
                   selfPaid: Int64 = 400_000) -> ClaimReport {
        let admitted = Fixture.date(incident)
        var report = ClaimReport(policyID: policyID ?? inpatientPolicy, kind: .illness, incidentDate: admitted)
        report.admissionDate = admitted
        report.dischargeDate = admitted.adding(days: days)
        report.expenses = ClaimExpenses(total: Money(fen: selfPaid * 2), insurancePaid: Money(fen: selfPaid),
                                        selfPaid: Money(fen: selfPaid))
        report.documents = ClaimDocument.required(for: .illness)
        return report
    }

    /// Reports on `reported` and begins review the same day; returns the claim id.
    func underReview(_ report: ClaimReport, reported: String = "2012-09-15") throws -> Int64 {
        try database.write { db in
            let claim = try claims.report(db, report, context: on(reported))
            return try claims.beginReview(db, claimID: claim.id!, context: on(reported)).id!
        }
    }

    /// Reports, reviews and approves with the computed benefit; returns the claim.
    func approved(_ report: ClaimReport, reported: String = "2012-09-15") throws -> Claim {
        let id = try underReview(report, reported: reported)
        return try database.write { db in try claims.review(db, claimID: id, .approve(), context: on(reported)) }
    }

    /// The text of the ValidationError a write throws, or nil.
    func refusal<T>(_ body: (Database) throws -> T) -> String? {
        validationError { try database.write(body) }?.description
    }
}
