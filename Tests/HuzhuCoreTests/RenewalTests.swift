import GRDB
import Testing
@testable import HuzhuCore

/// The subsidy formula in force from 2013-07-01 has the union pay 6.00 a
/// policy; before, the member pays all. Records the dates it was asked on.
private final class FromJuly2013: SubsidyFormula, @unchecked Sendable {
    var dates: [CivilDate] = []
    func decide(_ input: SubsidyInput, in db: Database) throws -> SubsidyDecision {
        dates.append(input.decidedOn)
        let union: Int64 = input.decidedOn >= Fixture.date("2013-07-01") ? 600 : 0
        return SubsidyDecision(split: ContributionSplit(administration: .zero, union: Money(fen: union),
                                                        member: Money(fen: input.contribution.fen - union)),
                               ruleName: "july")
    }
}

/// Renewal (续保) of ACC from term 2012 into 2013, on the fixture city:
///
///     BH001 (8 employees in 2013): a1 (2 shares), a2, a3, a4 renew; t1 moved in from
///           BH002 renews here; a5 (born 1952-06-01) is 61 on 2013-07-01 (E505);
///           a6 has left (E501); a7 never held ACC and is not touched.
///     BH002 (4 employees, under 5: everyone): b1 alone would renew → E512, b1 listed.
///     LY001 (no 2013 headcount): c1 → E513, c1 listed.
@Suite("Renewal")
struct RenewalTests {
    let database: HuzhuDatabase
    static let ids: [String: String] = [
        "a1": Fixture.residentID(birth: "19800101", sequence: 11), "a2": Fixture.residentID(birth: "19800102", sequence: 13),
        "a3": Fixture.residentID(birth: "19800103", sequence: 15), "a4": Fixture.residentID(birth: "19800104", sequence: 17),
        "a5": Fixture.residentID(birth: "19520601", sequence: 19), "a6": Fixture.residentID(birth: "19800106", sequence: 21),
        "a7": Fixture.residentID(birth: "19800107", sequence: 23), "t1": Fixture.residentID(birth: "19800108", sequence: 25),
        "b1": Fixture.residentID(birth: "19800109", sequence: 27), "c1": Fixture.residentID(birth: "19800110", sequence: 29),
    ]
    static let renewalDay = Fixture.context(today: Fixture.date("2013-06-15"))

    init() throws {
        database = try Fixture.city()
        let ids = Self.ids
        try database.write { db in
            for name in ["a1", "a2", "a3", "a4", "a5", "a6", "a7"] { try Fixture.member(db, ids[name]!, unit: "BH001", name: name) }
            try Fixture.member(db, ids["t1"]!, unit: "BH002", name: "t1")
            try Fixture.member(db, ids["b1"]!, unit: "BH002", name: "b1")
            try Fixture.member(db, ids["c1"]!, unit: "LY001", name: "c1")
            let enrollment = EnrollmentService()
            for name in ["a1", "a2", "a3", "a4", "a5", "a6", "t1", "b1", "c1"] {
                _ = try enrollment.enroll(db, EnrollmentRequest(residentID: ids[name]!, planCode: "ACC", shares: name == "a1" ? 2 : 1),
                                          context: Fixture.context())
            }
            let members = MemberService()
            try members.setStatus(db, residentID: ids["a6"]!, .left, context: Fixture.context())
            try members.update(db, residentID: ids["t1"]!, MemberChanges(unitCode: "BH001"), context: Fixture.context())
            try PlanService().addTerm(db, planCode: "ACC", label: "2013", start: Fixture.date("2013-07-01"), years: 1,
                                      context: Fixture.context())
            let units = UnitService()
            try units.setHeadcount(db, unitCode: "BH001", year: 2013, employees: 8, context: Fixture.context())
            try units.setHeadcount(db, unitCode: "BH002", year: 2013, employees: 4, context: Fixture.context())
        }
    }

    func renew(_ request: RenewalRequest = RenewalRequest(planCode: "ACC", termLabel: "2013"),
               service: EnrollmentService = EnrollmentService()) throws -> RenewalResult {
        try database.write { db in try service.renew(db, request, context: Self.renewalDay) }
    }

    func policies2013() throws -> [Row] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT member.name, policy.unitCode, policy.shares, policy.contribution, policy.startDate, policy.enrolledOn
                FROM policy JOIN member ON member.id = policy.memberID JOIN planTerm ON planTerm.id = policy.planTermID
                WHERE planTerm.label = '2013' ORDER BY member.id
                """)
        }
    }

    @Test("active holders of the previous term renew with their shares, unit by unit; every one left out is listed with the reason")
    func renews() throws {
        let result = try renew()
        #expect(result.previousTerm.label == "2012" && result.term.label == "2013")
        #expect(result.units.map(\.unitCode) == ["BH001", "BH002", "LY001"])
        #expect(result.units.map(\.renewed) == [5, 0, 0])
        #expect(result.renewed == 5 && result.skipped == 4)
        let bh001 = result.units[0]
        #expect(bh001.skipped.map(\.code) == [505, 501])
        #expect(bh001.skipped.map(\.description) == [
            "E505 member 340104********\(Self.ids["a5"]!.suffix(4)): age 61 on 2013-07-01 is outside the plan's range 16–60",
            "E501 member 340104********\(Self.ids["a6"]!.suffix(4)): member is left since 2012-06-20, not active",
        ])
        #expect(bh001.batch?.enrolled == 5 && bh001.batch?.employees == 8 && bh001.refusal.isEmpty)
        #expect(result.units[1].refusal.map(\.code) == [512])
        #expect(result.units[1].skipped.map(\.description) == [
            "E512 member 340104********\(Self.ids["b1"]!.suffix(4)): a unit of 4 employees (under 5) enrolls everyone in ACC term 2013; 1 would be enrolled",
        ])
        #expect(result.units[2].skipped.map(\.description) == [
            "E513 member 340104********\(Self.ids["c1"]!.suffix(4)): no employee count for 2013",
        ])
        let rows = try policies2013()
        #expect(rows.map { $0["name"] as String } == ["a1", "a2", "a3", "a4", "t1"])
        #expect(rows.map { $0["unitCode"] as String } == Array(repeating: "BH001", count: 5))   // t1 renews in the unit it moved to
        #expect(rows.map { $0["shares"] as Int } == [2, 1, 1, 1, 1])
        #expect(rows.map { $0["contribution"] as Int64 } == [5_200, 2_600, 2_600, 2_600, 2_600])
        #expect(rows.allSatisfy { $0["startDate"] == "2013-07-01" && $0["enrolledOn"] == "2013-06-15" })
    }

    @Test("audited as operation renew, naming the term renewed from; contributions posted to the ledger")
    func audited() throws {
        let result = try renew()
        let audit = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT tableName, operation, rowKey, summary FROM audit WHERE operation = 'renew' ORDER BY id
                """)
        }
        #expect(audit.map { $0["tableName"] as String } == ["enrollmentBatch", "policy"])
        #expect(audit[0]["rowKey"] as String == String(result.units[0].batch!.id!))
        let batchSummary: String = audit[0]["summary"]
        #expect(batchSummary.contains("\"renewedFrom\":\"2012\"") && batchSummary.contains("\"enrolled\":5"))
        let policySummary: String = audit[1]["summary"]
        #expect(policySummary.contains("\"contributions\":15600") && policySummary.contains("\"renewedFrom\":\"2012\""))
        let problems = try database.read { db in try LedgerService().check(db) }
        #expect(problems.isClean)
    }

    @Test("running it again renews no one: those already renewed are listed (E503) and count toward the group rule")
    func again() throws {
        _ = try renew()
        let second = try renew()
        #expect(second.renewed == 0)
        #expect(second.units[0].skipped.map(\.code) == [503, 503, 503, 503, 505, 503, 501])
        #expect(try policies2013().count == 5)
    }

    @Test("with a unit, only its subtree; a scoped service only its scope; outside it E250")
    func scoped() throws {
        let bh = try renew(RenewalRequest(planCode: "ACC", termLabel: "2013", unitCode: "BH002"))
        #expect(bh.units.map(\.unitCode) == ["BH002"])
        let ly = try renew(service: EnrollmentService(scope: .unit("LY")))
        #expect(ly.units.map(\.unitCode) == ["LY001"])
        let outside = validationError {
            try renew(RenewalRequest(planCode: "ACC", termLabel: "2013", unitCode: "BH"), service: EnrollmentService(scope: .unit("LY")))
        }
        #expect(outside?.failures.map(\.code) == [250])
        #expect(try policies2013().isEmpty)
    }

    @Test("refusals: unknown plan, unknown term, no earlier term, unknown unit — nothing written")
    func refusals() throws {
        let plan = validationError { try renew(RenewalRequest(planCode: "NOPE", termLabel: "2013")) }
        #expect(plan?.failures.map(\.code) == [419])
        let term = validationError { try renew(RenewalRequest(planCode: "ACC", termLabel: "2099")) }
        #expect(term?.failures.map(\.code) == [424])
        let first = validationError { try renew(RenewalRequest(planCode: "CIA", termLabel: "2012")) }
        #expect(first?.failures.map { $0.text() } == ["E530 plan CIA: plan CIA has no term starting before 2012 to renew from"])
        let unit = validationError { try renew(RenewalRequest(planCode: "ACC", termLabel: "2013", unitCode: "XX")) }
        #expect(unit?.failures.map(\.code) == [208])
        #expect(try policies2013().isEmpty)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE operation = 'renew'") } == 0)
    }

    @Test("the subsidy formula in force on the new term's start decides the split")
    func subsidyOnTermStart() throws {
        let formula = FromJuly2013()
        _ = try renew(service: EnrollmentService(subsidy: formula))
        #expect(Set(formula.dates) == [Fixture.date("2013-07-01")])
        let splits = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT policy.splitUnion, decision.decidedOn FROM policy
                JOIN decision ON decision.kind = 'subsidy' AND decision.subjectID = policy.id WHERE policy.year = 2013
                """)
        }
        #expect(splits.count == 5)
        #expect(splits.allSatisfy { $0["splitUnion"] == 600 && $0["decidedOn"] == "2013-07-01" })
    }
}
