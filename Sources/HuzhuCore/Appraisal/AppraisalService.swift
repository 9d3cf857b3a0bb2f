import Foundation
import GRDB

/// Runs, stores and reads appraisals.
///
/// ```swift
/// let outcome = try AppraisalService().run(db, level: .district, period: .halfYear, year: 2026,
///                                          rule: rule, context: context)
/// for r in outcome.results { print(r.rank, r.unit.name, r.score.total, r.reward) }
/// ```
public struct AppraisalService: Sendable {
    /// The units that may be appraised.
    public let scope: Scope

    /// Creates the service for a scope.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    /// Scores every unit of a level on its indicators from 1 January to the
    /// period's as-of date, ranks them, asks the rule for rewards and
    /// stores the run, superseding the current one. With `confirm` (year-end
    /// only) the run is final: locked, and its rewards entered in the
    /// reward register.
    ///
    /// - Throws: ``ValidationError`` E1005 when the year-end appraisal of
    ///   that level and year is already confirmed, E1007 when there are no
    ///   units of the level, E251 in a scoped run (an appraisal ranks the
    ///   whole federation); whatever the rule throws.
    public func run(_ db: Database, level: UnitKind, period: AppraisalPeriod, year: Int, rule: any AppraisalRule,
                    confirm: Bool = false, overdueDays: Int = 30, context: WriteContext) throws -> AppraisalOutcome {
        try refuseInScope(level: level, confirm: confirm)
        if let locked = try confirmed(db, level: level, period: period, year: year) {
            throw ValidationError(ValidationFailure(.appraisalLocked, field: "period", [
                "level": level.rawValue, "year": String(year), "date": locked.confirmedOn?.description ?? "?",
                "operator": locked.confirmedBy ?? "?",
            ]))
        }
        let asOf = period.asOf(year)
        let figures = try IndicatorService(scope: scope).indicators(db, level: level, from: period.from(year), to: asOf,
                                                                   overdueDays: overdueDays)
        guard !figures.isEmpty else {
            throw ValidationError(ValidationFailure(.appraisalNoUnits, field: "level", ["level": level.rawValue]))
        }
        var byCode: [String: Unit] = [:]
        for unit in try Unit.filter(Unit.Columns.kind == level.rawValue).fetchAll(db) { byCode[unit.code] = unit }
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
    public func refuseInScope(level: UnitKind, confirm: Bool) throws {
        if let refused = scope.failure(federationOperation: confirm ? "confirmAppraisal" : "runAppraisal",
                                       field: "level", value: .plain(level.rawValue)) {
            throw ValidationError(refused)
        }
    }

    private func store(_ db: Database, level: UnitKind, period: AppraisalPeriod, year: Int, asOf: CivilDate,
                       rule: any AppraisalRule, results: [AppraisalResult], confirm: Bool,
                       context: WriteContext) throws -> AppraisalOutcome {
        let previous = try current(db, level: level, period: period, year: year)
        if let previous {
            try db.execute(sql: "UPDATE appraisalRun SET status = 'superseded' WHERE id = ?", arguments: [previous.id])
            try AuditLog.record(db, context: context, action: "update", operation: "supersedeAppraisal",
                                table: "appraisalRun", rowKey: String(previous.id!), summary: ["status": .text("superseded")])
        }
        var run = AppraisalRun(id: nil, level: level, period: period, year: year, asOf: asOf, ruleName: rule.ruleName,
                               ruleVersionID: rule.ruleVersionID, ruleSHA256: rule.sha256,
                               status: confirm ? "confirmed" : "current", ranOn: context.today,
                               ranAt: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
                               confirmedOn: confirm ? context.today : nil, confirmedBy: confirm ? context.operatorName : nil)
        try run.insert(db)
        try AuditLog.record(db, context: context, action: "insert", operation: confirm ? "confirmAppraisal" : "runAppraisal",
                            table: "appraisalRun", rowKey: String(run.id!),
                            summary: ["level": .text(level.rawValue), "period": .text(period.rawValue),
                                      "year": .integer(Int64(year)), "units": .integer(Int64(results.count))])
        let insert = try db.makeStatement(sql: """
            INSERT INTO appraisalResult (runID, unitCode, rank, score, breakdown, reward, indicators, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for result in results {
            let breakdown = IndicatorValue.fields(result.score.breakdown.mapValues { .number($0) }).jsonText
            let notes = IndicatorValue.jsonArray(result.score.notes)
            try insert.execute(arguments: [run.id, result.unit.code, result.rank, result.score.total, breakdown,
                                           result.reward, result.indicators.jsonText, notes])
            if confirm, result.reward.fen > 0 {
                try db.execute(sql: """
                    INSERT INTO reward (runID, unitCode, year, amount, rank, recordedOn, operator) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.id, result.unit.code, year, result.reward, result.rank, context.today,
                                     context.operatorName])
                try AuditLog.record(db, context: context, action: "insert", operation: "registerReward", table: "reward",
                                    rowKey: String(db.lastInsertedRowID),
                                    summary: ["unit": .text(result.unit.code), "amount": .integer(result.reward.fen)])
            }
        }
        return AppraisalOutcome(run: run, results: results, superseded: previous?.id)
    }

    // MARK: - Reads

    /// The run in force (current or confirmed) for a level, period and year.
    public func current(_ db: Database, level: UnitKind, period: AppraisalPeriod, year: Int) throws -> AppraisalRun? {
        try AppraisalRun.fetchOne(db, sql: """
            SELECT * FROM appraisalRun WHERE level = ? AND period = ? AND year = ? AND status IN ('current', 'confirmed')
            ORDER BY id DESC LIMIT 1
            """, arguments: [level.rawValue, period.rawValue, year])
    }

    /// The confirmed (final, locked) run, if any.
    public func confirmed(_ db: Database, level: UnitKind, period: AppraisalPeriod, year: Int) throws -> AppraisalRun? {
        try AppraisalRun.fetchOne(db, sql: """
            SELECT * FROM appraisalRun WHERE level = ? AND period = ? AND year = ? AND status = 'confirmed'
            """, arguments: [level.rawValue, period.rawValue, year])
    }

    /// Every run of a level, period and year, newest first.
    public func history(_ db: Database, level: UnitKind, period: AppraisalPeriod, year: Int) throws -> [AppraisalRun] {
        try AppraisalRun.fetchAll(db, sql: """
            SELECT * FROM appraisalRun WHERE level = ? AND period = ? AND year = ? ORDER BY id DESC
            """, arguments: [level.rawValue, period.rawValue, year])
    }

    /// A run's results in rank order (then path order), within the scope.
    public func results(_ db: Database, runID: Int64) throws -> [AppraisalResult] {
        let range = try scope.range(in: db)
        var sql: SQL = """
            SELECT r.*, unit.code AS ucode FROM appraisalResult r JOIN unit ON unit.code = r.unitCode
            WHERE r.runID = \(runID)
            """
        if let condition = range.pathCondition { sql = sql + " AND unit." + condition }
        sql = sql + " ORDER BY r.rank, unit.path"
        return try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { row in
            let unit = try Unit.fetchOne(db, key: row["unitCode"] as String)!
            let breakdown = try IndicatorValue(jsonText: row["breakdown"])
            let notes = try JSONDecoder().decode([String].self, from: Data((row["notes"] as String).utf8))
            var points: [String: Double] = [:]
            if case .fields(let fields) = breakdown {
                for (name, value) in fields { points[name] = value.number }
            }
            let score = AppraisalScore(total: row["score"], breakdown: points, notes: notes)
            return AppraisalResult(unit: unit, rank: row["rank"], score: score, reward: row["reward"],
                                   indicators: try IndicatorValue(jsonText: row["indicators"]))
        }
    }

    /// The rewards registered for a year (confirmed appraisals), by unit path.
    /// Within the scope: a scoped caller sees the rewards of its subtree's units only.
    public func rewards(_ db: Database, year: Int) throws -> [(unit: String, amount: Money, rank: Int, runID: Int64)] {
        var sql: SQL = "SELECT reward.* FROM reward JOIN unit ON unit.code = reward.unitCode WHERE year = \(year)"
        if let condition = try scope.range(in: db).pathCondition { sql = sql + " AND unit." + condition }
        sql = sql + " ORDER BY reward.runID, unit.path"
        return try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { ($0["unitCode"], $0["amount"], $0["rank"], $0["runID"]) }
    }
}
