import Foundation
import GRDB

/// The demo city: a Hefei-style (合肥) federation of trade unions with its
/// units, members, plans and this year's group enrollments, drawn
/// deterministically from a seed and written through the services, so
/// every rule of the core holds for it.
///
/// What it builds:
/// - the federation 合肥市总工会 (`FED`), served by its office 市总保险办
///   (`HQ`, 办事处) and two agency offices (代办处);
/// - under it the districts and county 包河区, 庐阳区, 蜀山区, 瑶海区, 肥西县,
///   经开区, 高新区, the industrial unions 工交, 文教, 财贸, and the enterprise
///   unions 燃气集团 and 四方磷复肥公司 (``topUnits``);
/// - one grassroots union per 125 members (36 to 2,000; 400 for 50,000),
///   named like real ones (合肥市第八中学工会, 燃气集团管网分公司工会), with
///   employee headcounts for 2025 and 2026;
/// - exactly `members` members with valid, unique resident IDs of Hefei and
///   Anhui area codes, Chinese names, phones for about 70%, 5% hardship
///   employees, a few retired or gone;
/// - the four plans of ``planOffers``, each with a term from 2026-07-01;
/// - group enrollments on 2026-06-15: 93% of the units into accident, most
///   of those into inpatient medical (both under the group rule: at least
///   50% of the employees, everyone in a unit under 30), women into the
///   female-disease plan, some units into critical illness.
///
/// The same seed and size give the same rows, on every machine: numbers
/// come from ``SplitMix64`` with integer arithmetic only, dates are fixed
/// (``today`` is the business date to write into the workspace). Only the
/// audit trail's timestamps come from the clock.
///
/// ```swift
/// let city = DemoCity(seed: 1, members: 50_000)
/// let summary = try city.build(into: database)
/// summary.members   // 50000
/// ```
public struct DemoCity: Sendable {
    /// The seed of every random draw.
    public var seed: UInt64
    /// The number of members to register (retired and gone included).
    public var members: Int

    /// The programme year: the calendar year the terms start.
    public static let programmeYear = 2026
    /// The common start of every term.
    public static let termStart = CivilDate(year: 2026, month: 7, day: 1)!
    /// The day the units' group enrollments are made (before the terms start).
    public static let enrollmentDay = CivilDate(year: 2026, month: 6, day: 15)!
    /// The business date of the demo workspace (`today` in its `huzhu.toml`).
    public static let today = CivilDate(year: 2026, month: 9, day: 30)!
    /// The operator recorded for the demo's writes.
    public static let operatorName = "市总保险办"
    /// The earliest join date drawn.
    static let earliestJoin = CivilDate(year: 1985, month: 1, day: 1)!
    /// The earliest retirement drawn.
    static let firstRetirement = CivilDate(year: 2016, month: 1, day: 1)!

    /// Creates a demo city.
    ///
    /// - Parameters:
    ///   - seed: The seed; 1 by default.
    ///   - members: The number of members, 0 or more; 50,000 by default.
    public init(seed: UInt64 = 1, members: Int = 50_000) {
        precondition(members >= 0, "the number of members cannot be negative")
        self.seed = seed
        self.members = members
    }

    /// What was built.
    public struct Summary: Hashable, Sendable {
        /// Units in the tree, the federation included.
        public var units = 0
        /// Grassroots units.
        public var grassroots = 0
        /// Members registered, and of them retired, gone, hardship employees.
        public var members = 0
        public var retired = 0
        public var left = 0
        public var hardship = 0
        /// Group enrollment batches and the policies they made.
        public var batches = 0
        public var policies = 0
        /// Members left out of a unit's batch, per reason (e.g. men for the female-disease plan).
        public var skipped: [ReasonCode: Int] = [:]
    }

    /// Builds the city into an empty database in one transaction.
    ///
    /// - Parameters:
    ///   - database: A migrated database with no units, members or plans.
    ///   - clock: The clock for the audit trail's timestamps.
    /// - Returns: What was built.
    /// - Throws: ``ValidationError`` if a service refuses a row (a bug in the
    ///   generator: the services' rules are the demo's rules), or a database error.
    @discardableResult
    public func build(into database: HuzhuDatabase, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Summary {
        try database.write { db in try build(db, clock: clock) }
    }

    /// Builds the city with a connection inside a write transaction.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction, to a database with no units, members or plans.
    ///   - clock: The clock for the audit trail's timestamps.
    /// - Returns: What was built.
    /// - Throws: ``ValidationError`` or a database error.
    public func build(_ db: Database, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Summary {
        let services = Services()
        let registration = WriteContext(operator: DemoCity.operatorName, today: DemoCity.enrollmentDay, clock: clock)
        var summary = Summary()
        let random = SplitMix64(seed: seed)
        var unitRandom = random.stream(1)

        // Offices and the unit tree.
        for office in DemoCity.offices { try services.units.createOffice(db, office, context: registration) }
        try services.units.create(db, UnitDraft(code: DemoCity.federationCode, name: "合肥市总工会", kind: .federation,
                                                parentCode: nil, officeCode: "HQ"), context: registration)
        for top in DemoCity.topUnits {
            try services.units.create(db, UnitDraft(code: top.code, name: top.name, kind: top.kind,
                                                    parentCode: DemoCity.federationCode, officeCode: top.officeCode),
                                      context: registration)
        }
        let grassroots = DemoCity.grassroots(count: DemoCity.grassrootsCount(members: members), random: &unitRandom)
        for unit in grassroots {
            let parent = DemoCity.topUnits[unit.top]
            try services.units.create(db, UnitDraft(code: unit.code, name: unit.name, kind: .grassroots,
                                                    parentCode: parent.code, officeCode: parent.officeCode),
                                      context: registration)
        }
        summary.units = 1 + DemoCity.topUnits.count + grassroots.count
        summary.grassroots = grassroots.count

        // Plans and their terms.
        for offer in DemoCity.planOffers {
            try services.plans.create(db, offer.plan, context: registration)
            try services.plans.addTerm(db, planCode: offer.plan.code, label: String(DemoCity.programmeYear),
                                       start: DemoCity.termStart, years: offer.years, context: registration)
        }

        // Members: drawn unit by unit (each unit from its own stream), then
        // registered in one bulk call, the path of the members import
        // (sorted by resident ID, indexes rebuilt once at the end).
        let sizes = DemoCity.apportion(members, weights: grassroots.map(\.weight), minimum: 3)
        var people = PersonFactory()
        var cityPersons: [[Person]] = []
        var headcounts: [(lastYear: Int, employees: Int, active: Int)] = []
        cityPersons.reserveCapacity(grassroots.count)
        for (index, unit) in grassroots.enumerated() {
            let parent = DemoCity.topUnits[unit.top]
            var personRandom = random.stream(1_000 + UInt64(index))
            var persons: [Person] = []
            persons.reserveCapacity(sizes[index])
            for _ in 0..<sizes[index] {
                persons.append(people.person(unitCode: unit.code, parent: parent, random: &personRandom))
            }
            // Employees: the active members and those who are not members; a
            // small unit that enrolls has everyone as members (the group rule
            // asks all of a unit under 30 to join).
            let active = persons.lazy.filter { $0.status == .active }.count
            var employees = active + active * unit.nonMembersPerMille / 1000
            if unit.enrolls && employees < 30 { employees = active }
            let lastYear = employees * personRandom.int(in: 880...1_040) / 1000
            cityPersons.append(persons)
            headcounts.append((lastYear, employees, active))
        }
        try services.members.registerInBulk(db, cityPersons.lazy.joined().map(\.draft), context: registration)

        // Statuses, headcounts and enrollments, unit by unit.
        for (index, unit) in grassroots.enumerated() {
            let persons = cityPersons[index]
            for person in persons {
                if person.draft.hardship { summary.hardship += 1 }
                guard let date = person.statusDate else { continue }
                try services.members.setStatus(db, residentID: person.draft.residentID, person.status, on: date,
                                               context: registration)
                if person.status == .retired { summary.retired += 1 } else { summary.left += 1 }
            }
            summary.members += persons.count
            let (lastYear, employees, active) = headcounts[index]
            try services.units.setHeadcount(db, unitCode: unit.code, year: DemoCity.programmeYear - 1,
                                            employees: lastYear, context: registration)
            try services.units.setHeadcount(db, unitCode: unit.code, year: DemoCity.programmeYear,
                                            employees: employees, context: registration)

            guard unit.enrolls, active > 0 else { continue }
            var plans = ["ACC"]
            if unit.inpatient { plans.append("INP") }
            if unit.femaleDisease, persons.contains(where: { $0.status == .active && $0.female }) { plans.append("FEM") }
            if unit.criticalIllness { plans.append("CI") }
            for plan in plans {
                let result = try services.enrollment.enrollUnitInBulk(
                    db, GroupEnrollmentRequest(unitCode: unit.code, planCode: plan,
                                               termLabel: String(DemoCity.programmeYear)),
                    context: registration)
                summary.batches += 1
                summary.policies += result.batch.enrolled
                summary.skipped.merge(result.skippedReasons, uniquingKeysWith: +)
            }
        }
        return summary
    }
}
