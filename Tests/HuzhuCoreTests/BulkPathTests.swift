import GRDB
import Testing
@testable import HuzhuCore

/// The union pays a fixed amount of every policy.
private final class UnionPays: SubsidyFormula {
    let fen: Int64
    init(fen: Int64) { self.fen = fen }
    func decide(_ input: SubsidyInput, in db: Database) throws -> SubsidyDecision {
        SubsidyDecision(split: ContributionSplit(administration: .zero, union: Money(fen: fen),
                                                 member: Money(fen: input.contribution.fen - fen)), ruleName: "fixed")
    }
}

@Suite("Bulk paths: the same checks and the same rows as the one-by-one services")
struct BulkPathTests {
    let context = Fixture.context()

    /// Policies as comparable text: member, term, plan, unit, shares, dates, money, batch, status, provenance.
    func policies(_ database: HuzhuDatabase, batch: Bool = true) throws -> [String] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT memberID, planTermID, planCode, year, unitCode, shares, startDate, endDate, contribution,
                       splitAdministration, splitUnion, splitMember, \(batch ? "batchID" : "NULL"), status, enrolledOn, operator
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

    @Test("a group enrolment makes the policies single enrolments make, and skips with the same reasons")
    func enrollmentParity() throws {
        for plan in ["ACC", "FEM"] {
            let group = try unitWithMembers(), single = try unitWithMembers()
            let result = try group.write { db in
                try EnrollmentService().enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: plan),
                                                   context: context)
            }
            var refused: [ReasonCode] = []
            try single.write { db in
                for member in try Member.filter(Column("status") == "active").order(Column("id")).fetchAll(db) {
                    do {
                        _ = try EnrollmentService().enroll(db, EnrollmentRequest(residentID: member.residentID.value, planCode: plan),
                                                           context: context)
                    } catch let error as HuzhuCore.ValidationError {
                        refused += error.failures.map(\.reason)
                    }
                }
            }
            #expect(try policies(group, batch: false) == policies(single, batch: false), "\(plan)")   // single ones have no batch
            #expect(result.skipped.map(\.reason) == refused, "\(plan)")
        }
    }

    @Test("a group enrolment lists why members were skipped: one too old for ACC; four men for FEM")
    func skippedReasons() throws {
        let database = try unitWithMembers()
        let result = try database.write { db in
            [try EnrollmentService().enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
                                                context: context),
             try EnrollmentService().enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "FEM"),
                                                context: context)]
        }
        #expect(result[0].skipped.map(\.reason) == [.ageIneligible])
        #expect(result[0].batch.enrolled == 6)       // 6 of 10 employees: 60% ≥ 50%
        #expect(result[1].skipped.map(\.reason) == Array(repeating: .genderIneligible, count: 4))   // 201, 203, 205, 207
        #expect(result[1].batch.enrolled == 3)       // 202, 204, 206
        #expect(result[0].policies.map(\.id) == [1, 2, 3, 4, 5, 6])
        #expect(result[1].policies.map(\.id) == [7, 8, 9])
        let audit = try database.read { db in
            try String.fetchAll(db, sql: "SELECT rowKey FROM audit WHERE tableName = 'policy' ORDER BY id")
        }
        #expect(audit == ["1-6", "7-9"])
    }

    @Test("a group enrolment under the group rule is refused and writes nothing")
    func bulkGroupRule() throws {
        let database = try Fixture.city()
        try database.write { db in
            for sequence in [201, 203, 205, 207] { try Fixture.member(db, Fixture.residentID(birth: "19800101", sequence: sequence)) }
        }
        let error = validationError { try database.write { db in
            try EnrollmentService().enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
                                               context: context) } }
        #expect(error?.description ==
            "E511 unit BH001: 4 of 10 employees would be enrolled in ACC term 2012 (40%); the plan needs at least 50%")
        #expect(try policies(database).isEmpty)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrollmentBatch") } == 0)
    }

    @Test("a group enrolment splits each policy by the subsidy formula, records its decision, and keeps the batch within the budget")
    func groupSubsidy() throws {
        let database = try unitWithMembers()
        let formula = UnionPays(fen: 1000)
        let result = try database.write { db in
            try EnrollmentService(subsidy: formula).enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
                                                               context: context)
        }
        // 26.00 each: the union 10.00, the member 16.00.
        #expect(result.policies.map(\.split) == Array(repeating: ContributionSplit(administration: .zero, union: Money(fen: 1000),
                                                                                   member: Money(fen: 1600)), count: 6))
        let stored = try database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decision WHERE kind = 'subsidy'"),
             try Int64.fetchOne(db, sql: "SELECT SUM(splitUnion) FROM policy"),
             try Int64.fetchOne(db, sql: "SELECT SUM(credit) FROM ledgerLine WHERE account = 'contributions:union'"))
        }
        #expect(stored.0 == 6 && stored.1 == 6000 && stored.2 == 6000)

        // A budget of 55.00 for BH001: the sixth policy's 10.00 would go over (50.00 used), so nothing is written.
        let tight = try unitWithMembers()
        let error = validationError { try tight.write { db in
            try SubsidyBudgetService().set(db, unitCode: "BH001", year: 2012, amount: Money(fen: 5500), context: context)
            try EnrollmentService(subsidy: formula).enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
                                                               context: context)
        } }
        #expect(error?.codes == [1002])
        #expect(error?.description.contains("exceeds the unit's remaining subsidy budget 5.00") == true)
        #expect(try policies(tight).isEmpty)
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
