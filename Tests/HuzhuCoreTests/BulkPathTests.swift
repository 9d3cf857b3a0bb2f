import GRDB
import Testing
@testable import HuzhuCore

@Suite("Bulk paths: the same checks and the same rows as the one-by-one services")
struct BulkPathTests {
    let context = Fixture.context()

    /// Policies as comparable text: member, term, plan, unit, shares, dates, money, batch, status, provenance.
    func policies(_ database: HuzhuDatabase) throws -> [String] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT memberID, planTermID, planCode, year, unitCode, shares, startDate, endDate, contribution,
                       splitAdministration, splitUnion, splitMember, batchID, status, enrolledOn, operator
                FROM policy ORDER BY id
                """).map(\.description)
        }
    }

    /// BH001 (headcount 10) with 8 members: women and men, one too old for ACC (ages 16–60), one retired.
    func unitWithMembers() throws -> HuzhuDatabase {
        let database = try Fixture.city()
        try database.write { db in
            for sequence in [201, 202, 203, 204, 205, 206] {
                try Fixture.member(db, Fixture.residentID(birth: "19800101", sequence: sequence))
            }
            try Fixture.member(db, Fixture.residentID(birth: "19500101", sequence: 207))      // 62 on 2012-07-01
            let retired = try Fixture.member(db, Fixture.residentID(birth: "19560101", sequence: 208))
            try MemberService().setStatus(db, residentID: retired, .retired, on: Fixture.date("2012-01-01"),
                                          context: context)
        }
        return database
    }

    @Test("enrollUnitInBulk makes the policies enrollUnit makes, and skips the same members")
    func enrollmentParity() throws {
        for plan in ["ACC", "FEM"] {
            let one = try unitWithMembers(), bulk = try unitWithMembers()
            let single = try one.write { db in
                try EnrollmentService().enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: plan),
                                                   context: context)
            }
            let many = try bulk.write { db in
                try EnrollmentService().enrollUnitInBulk(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: plan),
                                                         context: context)
            }
            #expect(try policies(one) == policies(bulk))
            #expect(many.batch == single.batch)
            #expect(many.skipped == Set(single.skipped.compactMap { $0.subject }).count)
            #expect(many.skippedReasons.values.reduce(0, +) == single.skipped.count)
        }
    }

    @Test("enrollUnitInBulk counts the reasons: one too old for ACC; three men for FEM")
    func skippedReasons() throws {
        let database = try unitWithMembers()
        let result = try database.write { db in
            [try EnrollmentService().enrollUnitInBulk(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
                                                      context: context),
             try EnrollmentService().enrollUnitInBulk(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "FEM"),
                                                      context: context)]
        }
        #expect(result[0].skippedReasons == [.ageIneligible: 1])
        #expect(result[0].batch.enrolled == 6)       // 6 of 10 employees: 60% ≥ 50%
        #expect(result[1].skippedReasons == [.genderIneligible: 4])   // sequences 201, 203, 205, 207
        #expect(result[1].batch.enrolled == 3)       // 202, 204, 206
        #expect(result[0].policyIDs == 1...6)
        #expect(result[1].policyIDs == 7...9)
    }

    @Test("enrollUnitInBulk refuses a batch under the group rule and writes nothing")
    func bulkGroupRule() throws {
        let database = try Fixture.city()
        try database.write { db in
            for sequence in [201, 203, 205, 207] { try Fixture.member(db, Fixture.residentID(birth: "19800101", sequence: sequence)) }
        }
        let error = validationError { try database.write { db in
            try EnrollmentService().enrollUnitInBulk(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
                                                     context: context) } }
        #expect(error?.description ==
            "E511 unit BH001: 4 of 10 employees would be enrolled in ACC term 2012 (40%); the plan needs at least 50%")
        #expect(try policies(database).isEmpty)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrollmentBatch") } == 0)
    }

    @Test("registerInBulk stores what register stores, with one audit row for the call")
    func registrationParity() throws {
        let drafts = [
            MemberDraft(residentID: Fixture.residentID(birth: "19800101", sequence: 201), name: "张三", unitCode: "BH001",
                        phone: "138 1234 5678", hardship: true, joinedOn: Fixture.date("2010-01-01")),
            MemberDraft(residentID: Fixture.residentID(birth: "19851231", sequence: 202).lowercased(), name: "王芳",
                        unitCode: "LY001"),
        ]
        let one = try Fixture.city(), bulk = try Fixture.city()
        try one.write { db in for draft in drafts { try MemberService().register(db, draft, context: context) } }
        let result = try bulk.write { db in try MemberService().registerInBulk(db, drafts, context: context) }
        let rows = { (database: HuzhuDatabase) in
            try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM member ORDER BY id").map(\.description) }
        }
        #expect(try rows(one) == rows(bulk))
        #expect(result == BulkRegistration(count: 2, ids: 1...2))
        let audit = try bulk.read { db in try AuditEntry.filter(AuditEntry.Columns.tableName == "member").fetchAll(db) }
        #expect(audit.map(\.rowKey) == ["1-2"])
        #expect(audit.map(\.summary) == [#"{"count":2,"units":2}"#])
    }

    @Test("registerInBulk collects the failures of every draft, duplicates within the call included, and writes nothing")
    func registrationFailures() throws {
        let database = try Fixture.city()
        let good = Fixture.residentID(birth: "19800101", sequence: 201)
        let drafts = [
            MemberDraft(residentID: good, name: "张三", unitCode: "BH001"),
            MemberDraft(residentID: "340104198001010010", name: "", unitCode: "BH001"),
            MemberDraft(residentID: good, name: "李四", unitCode: "NOPE", phone: "123"),
        ]
        let error = validationError { try database.write { db in
            try MemberService().registerInBulk(db, drafts, context: context) } }
        #expect(error?.codes == [107, 301, 302, 208, 111])
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM member") } == 0)
        #expect(try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE tableName = 'member'") } == 0)
    }
}
