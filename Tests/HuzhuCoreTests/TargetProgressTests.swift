import GRDB
import Testing
@testable import HuzhuCore

/// Progress toward BH's 2012 target, on a hand-built city:
///
///     2012-03-10  m1, m2, m3 (BH001) enroll in ACC, 1 share each   3 × 26.00 =  78.00
///                 m5 (LY001) enrolls in ACC                        (not BH's)
///     2012-06-20  m4 (BH002) enrolls in ACC, 2 shares              52.00 → 130.00
///     2012-08-01  m2 enrolls in FEM (a second policy: still 4 members) 25.00 → 155.00
///
/// Target: 4 members and 150.00 yuan; reached on 2012-08-01.
@Suite("Targets and progress")
struct TargetProgressTests {
    let database: HuzhuDatabase
    let targets = TargetService()
    let members = (1...5).map { Fixture.residentID(birth: "1980010\($0)", sequence: $0 == 2 ? 20 : 11 + $0 * 2) }

    init() throws {
        database = try Fixture.city()
        let enrollment = EnrollmentService()
        try database.write { [members] db in
            for (index, id) in members.enumerated() {
                let unit = index == 3 ? "BH002" : index == 4 ? "LY001" : "BH001"
                try Fixture.member(db, id, unit: unit, name: "成员\(index + 1)")
            }
            let march = Fixture.context(today: Fixture.date("2012-03-10"))
            for index in [0, 1, 2, 4] {
                _ = try enrollment.enroll(db, EnrollmentRequest(residentID: members[index], planCode: "ACC"), context: march)
            }
            _ = try enrollment.enroll(db, EnrollmentRequest(residentID: members[3], planCode: "ACC", shares: 2),
                                      context: Fixture.context(today: Fixture.date("2012-06-20")))
            _ = try enrollment.enroll(db, EnrollmentRequest(residentID: members[1], planCode: "FEM"),
                                      context: Fixture.context(today: Fixture.date("2012-08-01")))
            try targets.set(db, Target(unitCode: "BH", year: 2012, members: 4, contributions: Money(fen: 15_000)),
                            context: Fixture.context())
        }
    }

    func progress(_ date: String, unit: String = "BH", plan: String? = nil) throws -> TargetProgress {
        try database.read { db in try targets.progress(db, unitCode: unit, planCode: plan, asOf: Fixture.date(date))! }
    }

    @Test("on 2012-03-31: 3 of 4 members, 78.00 of 150.00 (52%), a quarter of the year gone: on track")
    func march() throws {
        let p = try progress("2012-03-31")
        #expect(p.enrolledMembers == 3)
        #expect(p.contributions == Money(fen: 7_800))
        #expect(p.membersCompletion == 75)
        #expect(p.contributionsCompletion == 52)
        #expect(p.completion == 52)
        #expect(p.elapsed == 91.0 * 100 / 366)     // 2012 is a leap year: 31 + 29 + 31 days of 366
        #expect(p.onTrack)
        #expect(p.reachedOn == nil)
    }

    @Test("on 2012-06-30 (时间过半): 4 members, 130.00 (86.67%) against 49.7% of the year: on track")
    func halfYear() throws {
        let p = try progress("2012-06-30")
        #expect(p.enrolledMembers == 4)
        #expect(p.contributions == Money(fen: 13_000))
        #expect(p.completion == 13_000.0 * 100 / 15_000)
        #expect(p.elapsed == 182.0 * 100 / 366)
        #expect(p.onTrack)
        #expect(p.reachedOn == nil)
    }

    @Test("a second policy adds money but not a member; the target is reached on the day the money is")
    func reached() throws {
        let p = try progress("2012-12-31")
        #expect(p.enrolledMembers == 4)
        #expect(p.contributions == Money(fen: 15_500))
        #expect(p.completion == 100)
        #expect(p.reachedOn == Fixture.date("2012-08-01"))
        #expect(try progress("2012-07-31").reachedOn == nil)
    }

    @Test("behind when completion is under the share of the year gone")
    func behind() throws {
        _ = try database.write { db in
            try targets.set(db, Target(unitCode: "BH", year: 2012, members: 20, contributions: Money(fen: 15_000)),
                            context: Fixture.context())
        }
        let p = try progress("2012-06-30")
        #expect(p.membersCompletion == 20)
        #expect(p.completion == 20)
        #expect(!p.onTrack)
        #expect(try database.read { db in try targets.targets(db, year: 2012) }.count == 1)   // replaced, not added
    }

    @Test("a plan's own target counts only that plan; a cancelled policy does not count")
    func perPlanAndCancelled() throws {
        _ = try database.write { db in
            try targets.set(db, Target(unitCode: "BH", year: 2012, planCode: "FEM", members: 1, contributions: Money(fen: 2_500)),
                            context: Fixture.context())
        }
        let fem = try progress("2012-12-31", plan: "FEM")
        #expect(fem.enrolledMembers == 1)
        #expect(fem.reachedOn == Fixture.date("2012-08-01"))
        try database.write { db in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM policy WHERE planCode = 'FEM'")!
            _ = try EnrollmentService().cancel(db, policyID: id, reason: "test", context: Fixture.context(today: Fixture.date("2012-09-01")))
        }
        #expect(try progress("2012-12-31", plan: "FEM").enrolledMembers == 0)
        #expect(try progress("2012-12-31").contributions == Money(fen: 13_000))
    }

    @Test("setting is validated like a clerk's input, every problem at once, and audited")
    func validation() throws {
        let error = validationError {
            try database.write { db in
                try targets.set(db, Target(unitCode: "XX", year: 12, planCode: "NOPE", members: -1,
                                           contributions: Money(fen: -5)), context: Fixture.context())
            }
        }
        #expect(error?.failures.map(\.code) == [208, 419, 1004, 1003, 1003])
        #expect(error?.failures.last?.message() == "the contributions target must be 0 or more (got -0.05)")
        let outside = validationError {
            try database.write { db in
                try TargetService(scope: .unit("LY")).set(db, Target(unitCode: "BH", year: 2012, members: 1,
                                                                     contributions: .zero), context: Fixture.context())
            }
        }
        #expect(outside?.failures.map(\.code) == [250])
        let audit = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT operation, rowKey FROM audit WHERE tableName = 'target'")
        }
        #expect(audit.map { $0["rowKey"] as String } == ["BH/2012"])
    }

    @Test("several dates read at once: the same figures as one call per date, in the order given")
    func severalDates() throws {
        let dates = ["2012-08-01", "2012-03-31", "2012-06-30", "2012-07-31"]
        let both = try database.read { db in
            try targets.progress(db, unitCode: "BH", asOf: dates.map { Fixture.date($0) })
        }
        #expect(try both == dates.map { try progress($0) })
        // 3, 4, 4 members, then 4 with FEM's 25.00 on 08-01: reached that day, not before.
        #expect(both?.map(\.enrolledMembers) == [4, 3, 4, 4])
        #expect(both?.map(\.reachedOn) == [Fixture.date("2012-08-01"), nil, nil, nil])
        #expect(try database.read { db in
            try targets.progress(db, unitCode: "LY", asOf: [Fixture.date("2012-06-30")])
        } == nil)
    }

    /// The programme year: m1 renews ACC for the term starting 2013-07-01 on
    /// 2012-12-15, and m3 joins CIA's term starting 2012-07-01 on 2013-03-01.
    /// The renewal counts toward 2013, not 2012; the mid-term joiner toward
    /// 2012 (the term's year), not 2013 — as the indicators count coverage.
    func programmeYearCity() throws {
        try database.write { [members] db in
            try PlanService().addTerm(db, planCode: "ACC", label: "2013", start: Fixture.date("2013-07-01"), years: 1,
                                      context: Fixture.context())
            _ = try EnrollmentService().enroll(db, EnrollmentRequest(residentID: members[0], planCode: "ACC", termLabel: "2013"),
                                               context: Fixture.context(today: Fixture.date("2012-12-15")))
            _ = try EnrollmentService().enroll(db, EnrollmentRequest(residentID: members[2], planCode: "CIA", termLabel: "2012"),
                                               context: Fixture.context(today: Fixture.date("2013-03-01")))
            try targets.set(db, Target(unitCode: "BH", year: 2013, members: 1, contributions: Money(fen: 2_600)),
                            context: Fixture.context())
        }
    }

    @Test("a policy counts in the year its term starts: a December renewal for next year's term counts next year, a mid-term joiner in its term's year")
    func programmeYear() throws {
        try programmeYearCity()
        let year2012 = try progress("2012-12-31")
        #expect(year2012.enrolledMembers == 4)
        #expect(year2012.contributions == Money(fen: 15_500))   // not 181.00 with the 2013 renewal
        let year2013 = try progress("2013-03-31")
        #expect(year2013.enrolledMembers == 1)                  // m1's renewal; m3's CIA is 2012's
        #expect(year2013.contributions == Money(fen: 2_600))    // not 30.00 of CIA's 2012 term
        #expect(year2013.elapsed == 90.0 * 100 / 365)           // the share of the year gone stays calendar-based
        #expect(year2013.reachedOn == Fixture.date("2012-12-15"))
    }

    @Test("the indicators' target completion counts by the term's year too")
    func programmeYearIndicators() throws {
        try programmeYearCity()
        let indicators = try database.read { db in
            try IndicatorService().indicators(db, unitCode: "BH", from: Fixture.date("2013-01-01"), to: Fixture.date("2013-03-31"))
        }
        #expect(indicators.target?.enrolledMembers == 1)
        #expect(indicators.target?.contributions == Money(fen: 2_600))
    }

    @Test("no target: no progress")
    func none() throws {
        #expect(try database.read { db in try targets.progress(db, unitCode: "LY", asOf: Fixture.date("2012-06-30")) } == nil)
    }
}
