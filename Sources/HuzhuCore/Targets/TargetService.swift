import GRDB

/// Setting units' annual targets and measuring progress toward them.
///
/// ```swift
/// let targets = TargetService(scope: .everything)
/// try targets.set(db, Target(unitCode: "BH", year: 2026, members: 120, contributions: Money(fen: 360_000)),
///                 context: context)
/// let progress = try targets.progress(db, unitCode: "BH", year: 2026, asOf: try CivilDate(parsing: "2026-06-30"))
/// progress?.onTrack    // 时间过半、任务过半?
/// ```
public struct TargetService: Sendable {
    /// The subtree targets may be set for and read from.
    public let scope: Scope

    /// Creates the service for a scope.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    /// Sets a unit's target for a year (and plan), replacing an earlier one; audited.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - target: The target; its operator and date are taken from `context`.
    ///   - context: Who sets it, on which business date.
    /// - Returns: The stored target.
    /// - Throws: ``ValidationError``: unknown (E208) or out-of-scope (E250) unit,
    ///   unknown plan (E419), year out of range (E1004), a negative figure (E1003).
    @discardableResult
    public func set(_ db: Database, _ target: Target, context: WriteContext) throws -> Target {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.unit(target.unitCode)
        if try UnitStore.unit(db, code: target.unitCode) == nil {
            failures.add(.unitUnknown, field: "unit", value: .plain(target.unitCode), subject: subject, ["code": target.unitCode])
        } else if let failure = try scope.failure(setting: "setTarget", for: target.unitCode, field: "unit", in: db) {
            failures.add(failure)
        }
        if let plan = target.planCode, try PlanStore.plan(db, code: plan) == nil {
            failures.add(.planUnknown, field: "plan", value: .plain(plan), subject: subject, ["code": plan])
        }
        if !(1900...9999).contains(target.year) {
            failures.add(.targetYearInvalid, field: "year", value: .plain(String(target.year)), subject: subject,
                         ["year": String(target.year)])
        }
        if target.members < 0 {
            failures.add(.targetNegative, field: "members", value: .plain(String(target.members)), subject: subject,
                         ["what": "members", "value": String(target.members)])
        }
        if target.contributions.fen < 0 {
            failures.add(.targetNegative, field: "contributions", value: .plain(target.contributions.description),
                         subject: subject, ["what": "contributions", "value": target.contributions.description])
        }
        try failures.throwIfAny()

        var stored = target
        stored.operatorName = context.operatorName
        stored.setOn = context.today
        let existing = try self.target(db, unitCode: target.unitCode, year: target.year, planCode: target.planCode)
        stored.id = existing?.id
        try TargetStore.save(db, &stored)
        let key = [target.unitCode, String(target.year), target.planCode].compactMap { $0 }.joined(separator: "/")
        try AuditLog.record(db, context: context, action: existing == nil ? "insert" : "update", operation: "setTarget",
                            table: "target", rowKey: key,
                            summary: ["members": .integer(Int64(target.members)),
                                      "contributions": .integer(target.contributions.fen)])
        return stored
    }

    /// A unit's target for a year (and plan), or `nil` if none is set or the unit is outside the scope.
    public func target(_ db: Database, unitCode: String, year: Int, planCode: String? = nil) throws -> Target? {
        guard try scope.contains(unitCode, in: db) else { return nil }
        return try TargetStore.target(db, unitCode: unitCode, year: year, planCode: planCode)
    }

    /// The targets of a year in the scope, in unit path order (a parent before
    /// its children), each unit's all-plans target before its plans'.
    public func targets(_ db: Database, year: Int, unitCode: String? = nil) throws -> [Target] {
        try TargetStore.targets(db, year: year, in: try scope.range(narrowedTo: unitCode, in: db))
    }

    /// Progress toward a unit's target on a date (the target of `asOf`'s year).
    ///
    /// - Returns: `nil` when no target is set for that unit, year and plan.
    /// - Throws: ``ValidationError`` for an unknown or out-of-scope unit.
    public func progress(_ db: Database, unitCode: String, planCode: String? = nil,
                         asOf: CivilDate) throws -> TargetProgress? {
        let range = try scope.range(narrowedTo: unitCode, in: db)
        guard let target = try target(db, unitCode: unitCode, year: asOf.year, planCode: planCode) else { return nil }
        return try progress(db, target: target, range: range, asOf: asOf)
    }

    /// Progress toward a unit's target on several dates of one year, from one
    /// reading of the enrollments: the same figures as calling
    /// ``progress(_:unitCode:planCode:asOf:)`` once per date, for the cost of one call.
    ///
    /// ```swift
    /// let (half, now) = try targets.progress(db, unitCode: "BH", asOf: [halfYear, today]).map { ($0[0], $0[1]) }!
    /// ```
    ///
    /// - Parameter dates: One or more dates of the same year.
    /// - Returns: The progress on each date, in the order given; `nil` when no target is set for that unit, year and plan.
    /// - Throws: ``ValidationError`` for an unknown or out-of-scope unit.
    public func progress(_ db: Database, unitCode: String, planCode: String? = nil,
                         asOf dates: [CivilDate]) throws -> [TargetProgress]? {
        guard let last = dates.max() else { return [] }
        precondition(dates.allSatisfy { $0.year == last.year }, "the dates of one progress reading must share a year")
        let range = try scope.range(narrowedTo: unitCode, in: db)
        guard let target = try target(db, unitCode: unitCode, year: last.year, planCode: planCode) else { return nil }
        let daily = try dailyEnrollments(db, target: target, range: range, asOf: last)
        return dates.map { progress(target, daily: daily, asOf: $0) }
    }

    /// Progress toward a target, counting the enrollments of `range` (a
    /// unit's subtree) in the terms starting in the target's year, day by day to `asOf`.
    func progress(_ db: Database, target: Target, range: UnitRange, asOf: CivilDate) throws -> TargetProgress {
        progress(target, daily: try dailyEnrollments(db, target: target, range: range, asOf: asOf), asOf: asOf)
    }

    /// Per enrolment day up to `asOf`, in day order, of the policies of terms
    /// starting in `asOf`'s year (a December renewal for next year's term is
    /// next year's): the members enrolled for the first time in them
    /// (counted on their first day, so a prefix of the days is the reading of
    /// an earlier date) and the contributions.
    private func dailyEnrollments(_ db: Database, target: Target, range: UnitRange,
                                  asOf: CivilDate) throws -> [(day: CivilDate, members: Int, fen: Int64)] {
        try TargetStore.dailyEnrollments(db, planCode: target.planCode, in: range, asOf: asOf)
    }

    /// Folds the daily figures up to `asOf` into the progress on that day.
    private func progress(_ target: Target, daily: [(day: CivilDate, members: Int, fen: Int64)],
                          asOf: CivilDate) -> TargetProgress {
        let first = CivilDate(year: asOf.year, month: 1, day: 1)!
        var members = 0
        var fen: Int64 = 0
        var reachedOn: CivilDate? = target.members == 0 && target.contributions.fen == 0 ? first : nil
        for row in daily where row.day <= asOf {
            members += row.members
            fen += row.fen
            if reachedOn == nil, members >= target.members, fen >= target.contributions.fen {
                reachedOn = row.day
            }
        }
        return TargetProgress(target: target, asOf: asOf, enrolledMembers: members, contributions: Money(fen: fen),
                              reachedOn: reachedOn)
    }
}
