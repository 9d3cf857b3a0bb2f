import GRDB

/// Computes ``Indicators`` for one subtree or for every unit of a level,
/// each figure in one grouped SQL pass over the policies and claims.
///
/// ```swift
/// let service = IndicatorService(scope: .everything)
/// let bh = try service.indicators(db, unitCode: "BH", from: jan1, to: jun30)
/// let districts = try service.indicators(db, level: .district, from: jan1, to: jun30)   // one per district, path order
/// ```
public struct IndicatorService: Sendable {
    /// The subtree the figures may come from.
    public let scope: Scope

    /// Creates the service for a scope.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    /// The figures of one unit's subtree over a period.
    ///
    /// - Throws: ``ValidationError``: unknown (E208) or out-of-scope (E250) unit, `to` before `from` (E1008).
    /// With `programmeYear`, `policies` and `contributions` count the policies
    /// of terms starting in `to`'s year enrolled by `to` (the annual summary's
    /// money) instead of those enrolled within the period.
    public func indicators(_ db: Database, unitCode: String, from: CivilDate, to: CivilDate,
                           overdueDays: Int = 30, programmeYear: Bool = false) throws -> Indicators {
        try indicators(db, groups: .subtree(unitCode), from: from, to: to, overdueDays: overdueDays,
                       programmeYear: programmeYear)[0]
    }

    /// The figures of every unit of a kind in the scope, in path order.
    public func indicators(_ db: Database, level: UnitKind, from: CivilDate, to: CivilDate,
                           overdueDays: Int = 30, programmeYear: Bool = false) throws -> [Indicators] {
        try indicators(db, groups: .level(level), from: from, to: to, overdueDays: overdueDays,
                       programmeYear: programmeYear)
    }

    /// Up to this many plans, coverage per plan is counted in the main pass
    /// over the policies (one COUNT(DISTINCT …) each); with more, in a pass of its own.
    var plansCountedInOnePass = 12

    /// The figures of each group, in the groups' order.
    public func indicators(_ db: Database, groups: IndicatorGroups, from: CivilDate, to: CivilDate,
                           overdueDays: Int, programmeYear: Bool = false) throws -> [Indicators] {
        guard from <= to else {
            throw ValidationError(ValidationFailure(.periodInvalid, field: "to", value: .plain(to.description),
                                                    ["from": from.description, "to": to.description]))
        }
        let (table, codes) = try groups.table(db, scope: scope)
        var figures: [String: Indicators] = [:]
        for code in codes { figures[code] = Indicators(unitCode: code, from: from, to: to, overdueDays: overdueDays) }

        try IndicatorStore.employees(db, table, year: to.year) { code, employees in
            figures[code]?.employees = employees
        }
        // One pass over the policies enrolled by `to`: members covered in the
        // period (in all and per plan), the period's enrollments and money,
        // and (for targets) the programme year's enrollments so far. With many plans
        // the coverage per plan takes a pass of its own.
        let targets = try self.targets(db, codes: codes, year: to.year)
        let plans = try PlanStore.codes(db)
        let perPlanInPass = plans.count <= plansCountedInOnePass
        try IndicatorStore.policies(db, table, from: from, to: to, yearToDate: !targets.isEmpty,
                                    programmeYear: programmeYear, plans: perPlanInPass ? plans : []) { code, pass in
            guard figures[code] != nil else { return }
            figures[code]!.enrolledMembers = pass.covered
            figures[code]!.policies = pass.policies
            figures[code]!.contributions = pass.contributions
            figures[code]!.split = pass.split
            if let target = targets[code] {
                figures[code]!.target = TargetProgress(target: target, asOf: to, enrolledMembers: pass.yearToDateMembers,
                                                       contributions: Money(fen: pass.yearToDateFen), reachedOn: nil)
            }
            for (plan, members) in zip(plans, pass.coverage) where members > 0 {
                figures[code]!.coverage[plan] = members
            }
        }
        for (code, target) in targets where figures[code]!.target == nil {
            figures[code]!.target = TargetProgress(target: target, asOf: to, enrolledMembers: 0, contributions: .zero, reachedOn: nil)
        }
        if !perPlanInPass {
            try IndicatorStore.coverage(db, table, to: to) { code, plan, members in
                figures[code]?.coverage[plan] = members
            }
        }
        let days = try claims(db, table, into: &figures, from: from, to: to, overdueDays: overdueDays)
        for (code, list) in days { Self.setDaysToPay(&figures[code]!, list) }
        return codes.map { figures[$0]! }
    }

    /// Claims reported, rejected and paid in the period and overdue claims
    /// on `to`; returns the days from report to payout per group.
    private func claims(_ db: Database, _ groups: IndicatorStore.Groups, into figures: inout [String: Indicators],
                        from: CivilDate, to: CivilDate, overdueDays: Int) throws -> [String: [Int]] {
        try IndicatorStore.claimsReported(db, groups, from: from, to: to) { code, claims in
            figures[code]?.claimsReported = claims
        }
        try IndicatorStore.claimsRejected(db, groups, from: from, to: to) { code, claims in
            figures[code]?.claimsRejected = claims
        }
        var days: [String: [Int]] = [:]
        try IndicatorStore.payments(db, groups, from: from, to: to) { code, fen, waited in
            guard figures[code] != nil else { return }
            figures[code]!.claimsPaid += 1
            figures[code]!.amountPaid = Money(fen: figures[code]!.amountPaid.fen + fen)
            days[code, default: []].append(waited)
        }
        try IndicatorStore.overdueClaims(db, groups, to: to, limit: to.adding(days: -min(max(overdueDays, 0), 36_500))) { code, claims in
            figures[code]?.overdueClaims = claims
        }
        return days
    }

    /// The average and the 90th percentile (nearest rank) of days to payout.
    static func setDaysToPay(_ figures: inout Indicators, _ days: [Int]) {
        guard !days.isEmpty else { return }
        let sorted = days.sorted()
        figures.averageDaysToPay = Double(sorted.reduce(0, +)) / Double(sorted.count)
        let rank = (sorted.count * 90 + 99) / 100   // ceil(0.9 n)
        figures.p90DaysToPay = sorted[rank - 1]
    }

    /// The all-plans targets of `year` set for the groups.
    private func targets(_ db: Database, codes: [String], year: Int) throws -> [String: Target] {
        let wanted = Set(codes)
        var targets: [String: Target] = [:]
        for target in try TargetStore.allPlansTargets(db, year: year) where wanted.contains(target.unitCode) {
            targets[target.unitCode] = target
        }
        return targets
    }

}
