import Foundation
import GRDB

/// Runs, stores and reads appraisals.
///
/// ```swift
/// let outcome = try AppraisalService().run(db, level: [.district, .county, .industry], period: .halfYear,
///                                          year: 2026, rule: rule, context: context)
/// for r in outcome.results { print(r.rank, r.unit.name, r.score.total, r.reward) }
/// ```
public struct AppraisalService: Sendable {
    /// The units that may be appraised.
    public let scope: Scope

    /// Creates the service for a scope.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    /// Scores every unit of a level (one kind, or several ranked together)
    /// on its indicators from 1 January to the period's as-of date, ranks
    /// them, asks the rule for rewards and stores the run, superseding the
    /// current run of the same level, period and year (only: a combined
    /// level's run and a single kind's are different runs). With `confirm` (year-end
    /// only) the run is final: locked, and its rewards entered in the
    /// reward register.
    ///
    /// - Throws: ``ValidationError`` E1005 when the year-end appraisal of
    ///   that level (the same list of kinds) and year is already confirmed,
    ///   E1007 when there are no units of the level's kinds, E251 in a scoped run (an appraisal ranks the
    ///   whole federation); whatever the rule throws.
    public func run(_ db: Database, level: AppraisalLevel, period: AppraisalPeriod, year: Int, rule: any AppraisalRule,
                    confirm: Bool = false, overdueDays: Int = 30, context: WriteContext) throws -> AppraisalOutcome {
        try refuseInScope(level: level, confirm: confirm)
        if let locked = try confirmed(db, level: level, period: period, year: year) {
            throw ValidationError(ValidationFailure(.appraisalLocked, field: "period", [
                "level": level.rawValue, "year": String(year), "date": locked.confirmedOn?.description ?? "?",
                "operator": locked.confirmedBy ?? "?",
            ]))
        }
        let asOf = period.asOf(year)
        let figures = try IndicatorService(scope: scope).indicators(db, groups: .kinds(level.kinds), from: period.from(year),
                                                                   to: asOf, overdueDays: overdueDays)
        guard !figures.isEmpty else {
            throw ValidationError(ValidationFailure(.appraisalNoUnits, field: "level", ["level": level.rawValue]))
        }
        var byCode: [String: Unit] = [:]
        for unit in try AppraisalStore.units(db, kinds: level.kinds) { byCode[unit.code] = unit }
        var units: [Unit] = []
        var scores: [AppraisalScore] = []
        var fields: [IndicatorValue] = []
        for indicators in figures {
            let unit = byCode[indicators.unitCode]!
            units.append(unit)
            fields.append(indicators.fields)
            scores.append(try rule.score(unit: unit, indicators: indicators, fields: fields[fields.count - 1],
                                         period: period, year: year))
        }
        var results: [AppraisalResult] = []
        for (index, rank) in AppraisalRanking.rank(scores.map(\.total)) {
            let reward = try rule.reward(rank: rank, of: units.count, score: scores[index], unit: units[index])
            results.append(AppraisalResult(unit: units[index], rank: rank, score: scores[index], reward: reward,
                                           indicators: fields[index]))
        }
        return try store(db, level: level, period: period, year: year, asOf: asOf, rule: rule, results: results,
                         confirm: confirm, context: context)
    }

    /// Refuses an appraisal run in a scoped run (E251): an appraisal ranks the
    /// whole federation. Callers that prepare a run (its rule) ask first.
    public func refuseInScope(level: AppraisalLevel, confirm: Bool) throws {
        if let refused = scope.failure(federationOperation: confirm ? "confirmAppraisal" : "runAppraisal",
                                       field: "level", value: .plain(level.rawValue)) {
            throw ValidationError(refused)
        }
    }

    private func store(_ db: Database, level: AppraisalLevel, period: AppraisalPeriod, year: Int, asOf: CivilDate,
                       rule: any AppraisalRule, results: [AppraisalResult], confirm: Bool,
                       context: WriteContext) throws -> AppraisalOutcome {
        let previous = try current(db, level: level, period: period, year: year)
        if let previous {
            try AppraisalStore.supersede(db, runID: previous.id!)
            try AuditLog.record(db, context: context, action: "update", operation: "supersedeAppraisal",
                                table: "appraisalRun", rowKey: String(previous.id!), summary: ["status": .text("superseded")])
        }
        var run = AppraisalRun(id: nil, level: level, period: period, year: year, asOf: asOf, ruleName: rule.ruleName,
                               ruleVersionID: rule.ruleVersionID, ruleSHA256: rule.sha256,
                               status: confirm ? "confirmed" : "current", ranOn: context.today,
                               ranAt: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
                               confirmedOn: confirm ? context.today : nil, confirmedBy: confirm ? context.operatorName : nil)
        try AppraisalStore.insert(db, &run)
        try AuditLog.record(db, context: context, action: "insert", operation: confirm ? "confirmAppraisal" : "runAppraisal",
                            table: "appraisalRun", rowKey: String(run.id!),
                            summary: ["level": .text(level.rawValue), "period": .text(period.rawValue),
                                      "year": .integer(Int64(year)), "units": .integer(Int64(results.count))])
        for result in results {
            let breakdown = IndicatorValue.fields(result.score.breakdown.mapValues { .number($0) }).jsonText
            let notes = IndicatorValue.jsonArray(result.score.notes)
            try AppraisalStore.insertResult(db, runID: run.id!, AppraisalStore.StoredResult(
                unitCode: result.unit.code, rank: result.rank, score: result.score.total, breakdown: breakdown,
                reward: result.reward, indicators: result.indicators.jsonText, notes: notes))
            if confirm, result.reward.fen > 0 {
                let rewardID = try AppraisalStore.insertReward(db, runID: run.id!, unitCode: result.unit.code, year: year,
                                                               amount: result.reward, rank: result.rank,
                                                               recordedOn: context.today, operatorName: context.operatorName)
                try AuditLog.record(db, context: context, action: "insert", operation: "registerReward", table: "reward",
                                    rowKey: String(rewardID),
                                    summary: ["unit": .text(result.unit.code), "amount": .integer(result.reward.fen)])
            }
        }
        return AppraisalOutcome(run: run, results: results, superseded: previous?.id)
    }

    // MARK: - Reads

    /// The run in force (current or confirmed) for a level, period and year.
    public func current(_ db: Database, level: AppraisalLevel, period: AppraisalPeriod, year: Int) throws -> AppraisalRun? {
        try AppraisalStore.run(db, level: level, period: period, year: year, confirmedOnly: false)
    }

    /// The confirmed (final, locked) run, if any.
    public func confirmed(_ db: Database, level: AppraisalLevel, period: AppraisalPeriod, year: Int) throws -> AppraisalRun? {
        try AppraisalStore.run(db, level: level, period: period, year: year, confirmedOnly: true)
    }

    /// Every run of a level, period and year, newest first.
    public func history(_ db: Database, level: AppraisalLevel, period: AppraisalPeriod, year: Int) throws -> [AppraisalRun] {
        try AppraisalStore.history(db, level: level, period: period, year: year)
    }

    /// A run's results in rank order (then path order), within the scope.
    public func results(_ db: Database, runID: Int64) throws -> [AppraisalResult] {
        try AppraisalStore.results(db, runID: runID, in: try scope.range(in: db)).map { row in
            let unit = try UnitStore.unit(db, code: row.unitCode)!
            let breakdown = try IndicatorValue(jsonText: row.breakdown)
            let notes = try JSONDecoder().decode([String].self, from: Data(row.notes.utf8))
            var points: [String: Double] = [:]
            if case .fields(let fields) = breakdown {
                for (name, value) in fields { points[name] = value.number }
            }
            let score = AppraisalScore(total: row.score, breakdown: points, notes: notes)
            return AppraisalResult(unit: unit, rank: row.rank, score: score, reward: row.reward,
                                   indicators: try IndicatorValue(jsonText: row.indicators))
        }
    }

    /// The rewards registered for a year (confirmed appraisals), by unit path.
    /// Within the scope: a scoped caller sees the rewards of its subtree's units only.
    public func rewards(_ db: Database, year: Int) throws -> [(unit: String, amount: Money, rank: Int, runID: Int64)] {
        try AppraisalStore.rewards(db, year: year, in: try scope.range(in: db))
    }
}
