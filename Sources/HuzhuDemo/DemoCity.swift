import Foundation
import HuzhuCore

/// The demo city: a Hefei-style (合肥) federation of trade unions with its
/// units, members, plans, this year's group enrollments, targets and
/// claims, drawn
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
/// - group enrollments, each unit on its own business day
///   (``enrollmentDates(for:sizes:random:)``: most from 03-02 to 06-25,
///   a tail of late units in July to September whose cover starts on that
///   day; some unions under the federation prompt, two slow): 93% of the
///   units into accident, most of those into inpatient medical (both under
///   the group rule: at least 50% of the employees, everyone in a unit
///   under 30), women into the female-disease plan, some units into
///   critical illness;
/// - the 2026 targets of the federation and of each union under it, set on
///   ``registrationDay``: 85–105% of what the subtree enrolls
///   (``setTargets(_:enrolled:random:context:)``), so at ``halfYear`` some
///   keep pace and some are behind, and some reach the target, on different days;
/// - claims of about 5% of the members, from cover start (after the waiting
///   period) to ``today``, taken day by day by the office serving the unit
///   through the claim state machine with ``ClaimService``'s rules (in bulk,
///   ``ClaimService/batch(_:policyIDs:)``: the rows the service would write, one statement
///   per table): most paid (3–40 days after the report, at a
///   pace that differs between the unions), some rejected with coded
///   reasons, some under review, approved and unpaid, or just reported, a
///   few waiting more than 30 days (``claims(of:office:payoutDays:random:)``).
///   Payouts are posted to the ledger as ``ClaimService/pay(_:claimID:_:context:)`` does.
/// - the money, through the services the CLI and Lua use: each unit's
///   bills received from the bank (``LedgerService/receive(_:_:context:)``)
///   after their issue — most on time, some late, some partly, a few not
///   at all — and a few units adding critical illness in the autumn, their
///   bills still open, so arrears fall in every age band
///   (``receive(_:services:units:random:clock:)``); a UnionPay card of every
///   claimant; one payout batch on ``today`` for the approved unpaid claims
///   with the bank's answer, a few payments failed (a closed account), when
///   ``bankFolder`` is given (``sendPayouts(_:services:folder:random:clock:)``);
///   the first half-year closed (``closedThrough``) after everything dated in it.
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
    /// Whether the claims are written in bulk (``ClaimService/batch(_:policyIDs:)``, the
    /// default) or step by step through ``ClaimService``: the same rows either way.
    var claimsInBulk = true
    /// The folder the payout batch file (``payoutFileName``) and the bank's
    /// answer (``answerFileName``) are written to; nil: no batch is sent.
    public var bankFolder: URL?

    /// The programme year: the calendar year the terms start.
    public static let programmeYear = 2026
    /// The common start of every term.
    public static let termStart = CivilDate(year: 2026, month: 7, day: 1)!
    /// The day units, members and headcounts are registered and the year's targets set (before any enrollment).
    public static let registrationDay = CivilDate(year: 2026, month: 2, day: 27)!
    /// The business date of the demo workspace (`today` in its `huzhu.toml`):
    /// late in the year, before the year-end appraisal.
    public static let today = CivilDate(year: 2026, month: 12, day: 20)!
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
    ///   - bankFolder: Where the payout batch and the bank's answer go; nil (the default): no batch.
    public init(seed: UInt64 = 1, members: Int = 50_000, bankFolder: URL? = nil) {
        precondition(members >= 0, "the number of members cannot be negative")
        self.seed = seed
        self.members = members
        self.bankFolder = bankFolder
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
        /// Members recorded as deceased (those whose death claim was approved or paid).
        public var deceased = 0
        /// Group enrollment batches and the policies they made.
        public var batches = 0
        public var policies = 0
        /// Members left out of a unit's batch, per reason (e.g. men for the female-disease plan).
        public var skipped: [ReasonCode: Int] = [:]
        /// The first and last business days of a group enrollment, and the distinct days.
        public var firstEnrollment: CivilDate?
        public var lastEnrollment: CivilDate?
        public var enrollmentDays = 0
        /// Grassroots units that enrolled after the terms started.
        public var lateUnits = 0
        /// Annual targets set (the federation and the unions under it).
        public var targets = 0
        /// Claims by where they stand on ``DemoCity/today``.
        public var claims: [ClaimStatus: Int] = [:]
        /// The benefits paid, and the days from report to payout of the paid claims, added up.
        public var benefitsPaid = Money.zero
        public var daysToPay = 0
        /// Group enrolments into critical illness added in the autumn (counted in ``batches`` too).
        public var addedBatches = 0
        /// Receipts of the units' contributions and their total.
        public var receipts = 0
        public var received = Money.zero
        /// What the units owe on ``DemoCity/today``, by age band.
        public var owed: [ArrearsBand: Money] = [:]
        /// Members with a payee bank account.
        public var payeeAccounts = 0
        /// The payout batch: payments sent and their total, those the bank paid and those that failed.
        public var payoutsSent = 0
        public var payoutsAmount = Money.zero
        public var payoutsPaid = 0
        public var payoutsFailed = 0
        /// The last month closed (`YYYY-MM`).
        public var closedThrough: String?
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
    public func build(into database: HuzhuDatabase, subsidy: (any SubsidyFormula)? = nil,
                      clock: @escaping @Sendable () -> Date = { Date() }) throws -> Summary {
        try database.write(.commit) { session in try build(session.connection, subsidy: subsidy, clock: clock) }
    }

    /// The day the subsidy rule the demo enrols with comes into force: the start of the programme year.
    public static let subsidyFrom = CivilDate(year: programmeYear, month: 1, day: 1)!

    /// Builds the city with a connection inside a write transaction.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction, to a database with no units, members or plans.
    ///   - subsidy: The union's subsidy formula the group enrolments split contributions with
    ///     (the CLI's demo passes the stock rule, active from ``subsidyFrom``); nil: members pay all.
    ///   - clock: The clock for the audit trail's timestamps.
    /// - Returns: What was built.
    /// - Throws: ``ValidationError`` or a database error.
    public func build(_ db: DatabaseConnection, subsidy: (any SubsidyFormula)? = nil,
                      clock: @escaping @Sendable () -> Date = { Date() }) throws -> Summary {
        let services = Services(subsidy: subsidy)
        let registration = WriteContext(operator: DemoCity.operatorName, today: DemoCity.registrationDay, clock: clock)
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
                                       start: DemoCity.termStart, years: offer.years, rules: offer.plan.rules,
                                       context: registration)
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

        // Statuses and headcounts, then every unit's group enrolments on its
        // day in one call (``EnrollmentService/enrollUnits(_:_:)``), then the
        // claims drawn from their policies (made at the end, in business-day order).
        var scheduleRandom = random.stream(2)
        let dates = DemoCity.enrollmentDates(for: grassroots, sizes: sizes, random: &scheduleRandom)
        var payoutRandom = random.stream(4)
        let payoutDays = DemoCity.payoutDays(random: &payoutRandom)
        let plans = Dictionary(uniqueKeysWithValues: DemoCity.planOffers.map { ($0.plan.code, $0.plan) })
        let offices = Dictionary(uniqueKeysWithValues: DemoCity.offices.map { ($0.code, $0.name) })
        var requests: [EnrollmentService.UnitEnrollment] = []
        var requestUnits: [Int] = []      // the unit (index in `grassroots`) of each request
        var enrollingUnits: [Int] = []
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

            guard unit.enrolls, active > 0, let date = dates[index] else { continue }
            var codes = ["ACC"]
            if unit.inpatient { codes.append("INP") }
            if unit.femaleDisease, persons.contains(where: { $0.status == .active && $0.female }) { codes.append("FEM") }
            if unit.criticalIllness { codes.append("CI") }
            let enrollment = WriteContext(operator: DemoCity.operatorName, today: date, clock: clock)
            for code in codes {
                requests.append(.init(GroupEnrollmentRequest(unitCode: unit.code, planCode: code,
                                                             termLabel: String(DemoCity.programmeYear)),
                                      context: enrollment))
                requestUnits.append(index)
            }
            enrollingUnits.append(index)
        }

        // Each unit's claims are drawn from its own stream, batch by batch, as its results come.
        var enrolled = [Enrolled](repeating: Enrolled(), count: DemoCity.topUnits.count)
        var claims: [ClaimScript] = []
        var unitMembers: [Int: Int] = [:]
        var claimRandom: (unit: Int, random: SplitMix64)?
        try services.enrollment.enrollUnits(db, requests) { position, result in
            let index = requestUnits[position]
            let unit = grassroots[index]
            let parent = DemoCity.topUnits[unit.top]
            if claimRandom?.unit != index { claimRandom = (index, random.stream(2_000_000 + UInt64(index))) }
            summary.batches += 1
            summary.policies += result.batch.enrolled
            for failure in result.skipped { summary.skipped[failure.reason, default: 0] += 1 }
            // Accident takes every active member (all are 18–59), so its batch is the unit's distinct members.
            unitMembers[index] = max(unitMembers[index] ?? 0, result.batch.enrolled)
            let plan = plans[requests[position].request.planCode]!
            enrolled[unit.top].contributions += Int64(result.batch.enrolled) * plan.pricePerShare.fen
            guard let first = result.policies.first?.id, let last = result.policies.last?.id else { return }
            let batch = EnrolledBatch(plan: plan, start: max(DemoCity.termStart, dates[index]!), policyIDs: first...last)
            claims += DemoCity.claims(of: batch, office: offices[parent.officeCode]!, payoutDays: payoutDays[unit.top],
                                      random: &claimRandom!.random)
        }
        var enrollmentDays = Set<CivilDate>()
        for index in enrollingUnits {
            let date = dates[index]!
            enrolled[grassroots[index].top].members += unitMembers[index] ?? 0
            enrollmentDays.insert(date)
            if date > DemoCity.termStart { summary.lateUnits += 1 }
        }
        summary.firstEnrollment = enrollmentDays.min()
        summary.lastEnrollment = enrollmentDays.max()
        summary.enrollmentDays = enrollmentDays.count

        // The units pay their bills (most on time, some late, some partly, a few not at all).
        var receiptRandom = random.stream(5)
        let payers = enrollingUnits.map { (code: grassroots[$0].code, name: grassroots[$0].name, billed: dates[$0]!) }
        let receipts = try DemoCity.receive(db, services: services, units: payers, random: &receiptRandom, clock: clock)
        summary.receipts = receipts.count
        summary.received = receipts.amount

        // The year's targets; some units add critical illness in the autumn; then the claims.
        var targetRandom = random.stream(3)
        summary.targets = try DemoCity.setTargets(db, enrolled: enrolled, random: &targetRandom, context: registration)
        var additionRandom = random.stream(6)
        let additions = DemoCity.autumnAdditions(grassroots, enrolled: enrollingUnits, random: &additionRandom)
        try services.enrollment.enrollUnits(db, additions.map { addition in
            EnrollmentService.UnitEnrollment(GroupEnrollmentRequest(unitCode: grassroots[addition.unit].code, planCode: "CI",
                                                                    termLabel: String(DemoCity.programmeYear)),
                                             context: WriteContext(operator: DemoCity.operatorName, today: addition.date,
                                                                   clock: clock))
        }) { _, result in
            summary.batches += 1
            summary.addedBatches += 1
            summary.policies += result.batch.enrolled
            for failure in result.skipped { summary.skipped[failure.reason, default: 0] += 1 }
        }
        let totals = try DemoCity.makeClaims(db, claims, inBulk: claimsInBulk, clock: clock)
        summary.claims = totals.byStatus
        summary.benefitsPaid = totals.paid
        summary.daysToPay = totals.daysToPay
        summary.deceased = try DemoCity.recordDeaths(db, services: services, clock: clock)

        // Payee accounts, one payout batch and the bank's answer, then the first half-year closed.
        var accountRandom = random.stream(7)
        summary.payeeAccounts = try DemoCity.recordPayeeAccounts(db, services: services, random: &accountRandom, clock: clock)
        if let bankFolder {
            let payouts = try DemoCity.sendPayouts(db, services: services, folder: bankFolder, random: &accountRandom,
                                                   clock: clock)
            summary.payoutsSent = payouts.sent
            summary.payoutsAmount = payouts.amount
            summary.payoutsPaid = payouts.paid
            summary.payoutsFailed = payouts.failed
            summary.claims[.paid, default: 0] += payouts.paid
            summary.claims[.approved, default: 0] -= payouts.paid
            summary.benefitsPaid = Money(fen: summary.benefitsPaid.fen + payouts.paidAmount.fen)
            summary.daysToPay += payouts.daysToPay
        }
        let closing = WriteContext(operator: DemoCity.operatorName, today: DemoCity.today, clock: clock)
        summary.closedThrough = try services.ledger.close(db, through: DemoCity.closedThrough, context: closing).throughMonth
        let owed = try services.ledger.owed(db, unit: nil, asOf: DemoCity.today)
        for (band, amount) in owed.byBand { summary.owed[band] = amount }
        return summary
    }

    /// The last month the demo closes: the first half-year.
    public static let closedThrough = "2026-06"
}

extension DemoCity {
    /// Records the death of every member whose death claim was approved or
    /// paid, on the day of the incident (as an office does once the death
    /// certificate is in: ``MemberService/leave(_:residentID:_:on:context:)``),
    /// so `huzhu doctor` finds no deceased member still active.
    static func recordDeaths(_ db: DatabaseConnection, services: Services, clock: @escaping @Sendable () -> Date) throws -> Int {
        let context = WriteContext(operator: DemoCity.operatorName, today: DemoCity.today, clock: clock)
        var deaths: [(memberID: Int64, on: CivilDate)] = []
        for status in [ClaimStatus.approved, .paid] {
            let cursor = try services.claims.claims(db, ClaimFilter(status: status))
            while let claim = try cursor.next() {
                if claim.kind == .death { deaths.append((claim.memberID, claim.incidentDate)) }
            }
        }
        var recorded = Set<Int64>()
        for death in deaths.sorted(by: { ($0.on, $0.memberID) < ($1.on, $1.memberID) }) {
            if recorded.contains(death.memberID) { continue }
            guard let member = try services.members.member(db, id: death.memberID), member.status != .deceased else { continue }
            try services.members.leave(db, residentID: member.residentID.value, .deceased, on: death.on, context: context)
            recorded.insert(death.memberID)
        }
        return recorded.count
    }
}
