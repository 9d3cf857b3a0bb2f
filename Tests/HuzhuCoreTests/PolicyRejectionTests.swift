import GRDB
import Testing
@testable import HuzhuCore

@Suite("Policy rejections: every code once, with its exact text")
struct PolicyRejectionTests {
    let enrollment = EnrollmentService()
    let context = Fixture.context()
    /// A man born 1980-01-01.
    let man = "340104198001011234"
    /// A woman born 1990-06-15.
    let woman = "340104199006150027"

    func city() throws -> HuzhuDatabase {
        let database = try Fixture.city()
        try database.write { db in
            try Fixture.member(db, man)
            try Fixture.member(db, woman)
        }
        return database
    }

    func rejection(_ database: HuzhuDatabase, _ request: EnrollmentRequest,
                   context: WriteContext? = nil) -> String? {
        validationError { try database.write { db in try enrollment.enroll(db, request, context: context ?? self.context) } }?
            .description
    }

    @Test("enrolls with contribution = price × shares, the member paying all, cover from the term start")
    func enrolls() throws {
        let database = try city()
        let policy = try database.write { db in
            try enrollment.enroll(db, EnrollmentRequest(residentID: man, planCode: "ACC", shares: 2), context: context)
        }
        #expect(policy.contribution == Money(fen: 5200))  // 26.00 a share × 2
        #expect(policy.split == ContributionSplit(administration: .zero, union: .zero, member: Money(fen: 5200)))
        #expect(policy.startDate.description == "2012-07-01")
        #expect(policy.endDate.description == "2013-06-30")
        #expect(policy.unitCode == "BH001")
        #expect(policy.provenance == Provenance(operatorName: "clerk"))
        let later = Fixture.context(today: Fixture.date("2012-08-15"))
        let midTerm = try database.write { db in
            try enrollment.enroll(db, EnrollmentRequest(residentID: woman, planCode: "ACC",
                                                        split: ContributionSplit(administration: Money(fen: 1000),
                                                                                 union: Money(fen: 1000),
                                                                                 member: Money(fen: 600))),
                                  context: later)
        }
        #expect(midTerm.startDate.description == "2012-08-15")  // a mid-term joiner is covered from enrollment
        #expect(midTerm.split.member == Money(fen: 600))       // 26.00 − 10.00 − 10.00
    }

    @Test("E501 member not active")
    func notActive() throws {
        let database = try city()
        try database.write { db in _ = try MemberService().setStatus(db, residentID: man, .retired, context: context) }
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC")) ==
            "E501 member 340104********1234: member is retired since 2012-06-20, not active")
    }

    @Test("E502 too many or too few shares")
    func shares() throws {
        let database = try city()
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC", shares: 5)) ==
            "E502 member 340104********1234: shares must be 1–4 (got 5)")
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC", shares: 0)) ==
            "E502 member 340104********1234: shares must be 1–4 (got 0)")
    }

    @Test("E503 overlap in the same plan term")
    func overlap() throws {
        let database = try city()
        try database.write { db in _ = try enrollment.enroll(db, EnrollmentRequest(residentID: man, planCode: "ACC"), context: context) }
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC", termLabel: "2012")) ==
            "E503 member 340104********1234: already holds a policy in plan ACC term 2012 (overlap)")
    }

    @Test("E504 an exclusive plan already held in an overlapping term")
    func exclusive() throws {
        let database = try city()
        try database.write { db in _ = try enrollment.enroll(db, EnrollmentRequest(residentID: man, planCode: "CIA"), context: context) }
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "CIB")) ==
            "E504 member 340104********1234: already holds plan CIA term 2012, which excludes CIB (group CI)")
    }

    @Test("E505 age outside the range at the term start")
    func age() throws {
        let database = try city()
        let old = Fixture.residentID(birth: "19500701", sequence: 11)  // 62 on 2012-07-01
        let young = Fixture.residentID(birth: "19960702", sequence: 13) // 15 on 2012-07-01, 16 the day after
        try database.write { db in
            try Fixture.member(db, old)
            try Fixture.member(db, young)
        }
        #expect(rejection(database, EnrollmentRequest(residentID: old, planCode: "ACC")) ==
            "E505 member 340104********0116: age 62 on 2012-07-01 is outside the plan's range 16–60")
        #expect(rejection(database, EnrollmentRequest(residentID: young, planCode: "ACC"))?.contains("age 15 on 2012-07-01") == true)
    }

    @Test("E506 gender ineligible")
    func gender() throws {
        let database = try city()
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "FEM")) ==
            "E506 member 340104********1234: plan FEM is for female members only")
    }

    @Test("E507 a split that does not add up")
    func splitSum() throws {
        let database = try city()
        let split = ContributionSplit(administration: Money(fen: 1000), union: Money(fen: 1000), member: Money(fen: 500))
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC", split: split)) ==
            "E507 member 340104********1234: split 10.00 + 10.00 + 5.00 = 25.00 does not equal the contribution 26.00")
    }

    @Test("E508 a negative part of the split")
    func splitNegative() throws {
        let database = try city()
        let split = ContributionSplit(administration: Money(fen: -100), union: Money(fen: 1000), member: Money(fen: 1700))
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC", split: split)) ==
            "E508 member 340104********1234: administration share of the split is negative (-1.00)")
    }

    @Test("E305, E419, E424, E425, E514: unknown member, plan or term, and ended terms")
    func unknowns() throws {
        let database = try city()
        #expect(rejection(database, EnrollmentRequest(residentID: "34052419800101001X", planCode: "ACC")) ==
            "E305 member 340524********001X: no such member")
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "NOPE")) ==
            "E419 member 340104********1234: unknown plan NOPE")
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC", termLabel: "2099")) ==
            "E424 member 340104********1234: plan ACC has no term 2099")
        let later = Fixture.context(today: Fixture.date("2014-01-01"))
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC"), context: later) ==
            "E425 member 340104********1234: plan ACC has no term open on 2014-01-01")
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "ACC", termLabel: "2012"), context: later) ==
            "E514 member 340104********1234: term 2012 ended on 2013-06-30")
    }

    @Test("several failures of one request are reported together")
    func collected() throws {
        let database = try city()
        try database.write { db in _ = try MemberService().setStatus(db, residentID: man, .left, context: context) }
        let split = ContributionSplit(administration: Money(fen: -1), union: .zero, member: .zero)
        #expect(rejection(database, EnrollmentRequest(residentID: man, planCode: "FEM", shares: 3, split: split)) == """
            E501 member 340104********1234: member is left since 2012-06-20, not active
            E502 member 340104********1234: shares must be 1–1 (got 3)
            E506 member 340104********1234: plan FEM is for female members only
            E508 member 340104********1234: administration share of the split is negative (-0.01)
            E507 member 340104********1234: split -0.01 + 0.00 + 0.00 = -0.01 does not equal the contribution 75.00
            """)
    }

    @Test("E509 and E510: cancelling an unknown or a cancelled policy; E507 on a new split")
    func cancelAndResplit() throws {
        let database = try city()
        let policy = try database.write { db in
            try enrollment.enroll(db, EnrollmentRequest(residentID: man, planCode: "ACC"), context: context)
        }
        let subsidy = Fixture.context(operator: "robot", script: "rules/subsidy.lua", hash: "ab12")
        let resplit = try database.write { db in
            try enrollment.setSplit(db, policyID: policy.id!, ContributionSplit(
                administration: Money(fen: 1300), union: Money(fen: 780), member: Money(fen: 520)), context: subsidy)
        }
        #expect(resplit.provenance == Provenance(operatorName: "robot", scriptName: "rules/subsidy.lua", scriptSHA256: "ab12"))
        let bad = validationError { try database.write { db in
            try enrollment.setSplit(db, policyID: policy.id!, .memberPays(Money(fen: 1)), context: context) } }
        #expect(bad?.description == "E507 policy \(policy.id!): split 0.00 + 0.00 + 0.01 = 0.01 does not equal the contribution 26.00")
        try database.write { db in _ = try enrollment.cancel(db, policyID: policy.id!, reason: "test", context: context) }
        let again = validationError { try database.write { db in try enrollment.cancel(db, policyID: policy.id!, reason: "test", context: context) } }
        #expect(again?.description == "E510 policy \(policy.id!): policy is cancelled, not active")
        let unknown = validationError { try database.write { db in try enrollment.cancel(db, policyID: 999, reason: "test", context: context) } }
        #expect(unknown?.description == "E509 policy 999: no such policy 999")
        // a cancelled policy no longer blocks enrolling again
        let renewed = try database.write { db in
            try enrollment.enroll(db, EnrollmentRequest(residentID: man, planCode: "ACC"), context: context)
        }
        #expect(renewed.status == .active)
    }

    @Test("expires policies whose cover has ended")
    func expires() throws {
        let database = try city()
        try database.write { db in _ = try enrollment.enroll(db, EnrollmentRequest(residentID: man, planCode: "ACC"), context: context) }
        let count = try database.write { db in
            try enrollment.expire(db, context: Fixture.context(today: Fixture.date("2013-07-01")))
        }
        #expect(count == 1)
        #expect(try database.read { db in try enrollment.count(db, PolicyFilter(status: .expired)) } == 1)
    }
}
