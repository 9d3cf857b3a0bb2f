import Foundation
import GRDB

/// The SQL of appraisal runs, their results and the reward register
/// (``AppraisalService`` holds the rules).
enum AppraisalStore {
    /// A stored result as its row holds it (JSON texts undecoded).
    struct StoredResult {
        var unitCode: String
        var rank: Int
        var score: Double
        var breakdown: String
        var reward: Money
        var indicators: String
        var notes: String
    }

    /// The units of the kinds.
    static func units(_ db: Database, kinds: [UnitKind]) throws -> [Unit] {
        try kinds.flatMap { try UnitStore.request(.all, kind: $0).fetchAll(db) }
    }

    /// The latest run of a level, period and year in force (current or confirmed), or confirmed only.
    static func run(_ db: Database, level: AppraisalLevel, period: AppraisalPeriod, year: Int,
                    confirmedOnly: Bool) throws -> AppraisalRun? {
        try AppraisalRun.fetchOne(db, sql: """
            SELECT * FROM appraisalRun WHERE level = ? AND period = ? AND year = ?
              AND (status = 'confirmed' OR (status = 'current' AND NOT ?))
            ORDER BY id DESC LIMIT 1
            """, arguments: [level.rawValue, period.rawValue, year, confirmedOnly])
    }

    static func history(_ db: Database, level: AppraisalLevel, period: AppraisalPeriod, year: Int) throws -> [AppraisalRun] {
        try AppraisalRun.fetchAll(db, sql: """
            SELECT * FROM appraisalRun WHERE level = ? AND period = ? AND year = ? ORDER BY id DESC
            """, arguments: [level.rawValue, period.rawValue, year])
    }

    static func supersede(_ db: Database, runID: Int64) throws {
        try db.execute(sql: "UPDATE appraisalRun SET status = 'superseded' WHERE id = ?", arguments: [runID])
    }

    static func insert(_ db: Database, _ run: inout AppraisalRun) throws {
        try run.insert(db)
    }

    static func insertResult(_ db: Database, runID: Int64, _ result: StoredResult) throws {
        try db.cachedStatement(sql: """
            INSERT INTO appraisalResult (runID, unitCode, rank, score, breakdown, reward, indicators, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [runID, result.unitCode, result.rank, result.score, result.breakdown, result.reward,
                                     result.indicators, result.notes])
    }

    /// Registers a reward; returns its row id.
    static func insertReward(_ db: Database, runID: Int64, unitCode: String, year: Int, amount: Money, rank: Int,
                             recordedOn: CivilDate, operatorName: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO reward (runID, unitCode, year, amount, rank, recordedOn, operator) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [runID, unitCode, year, amount, rank, recordedOn, operatorName])
        return db.lastInsertedRowID
    }

    /// A run's results for the units in a range, in rank order then path order.
    static func results(_ db: Database, runID: Int64, in range: UnitRange) throws -> [StoredResult] {
        var sql: SQL = """
            SELECT r.* FROM appraisalResult r JOIN unit ON unit.code = r.unitCode WHERE r.runID = \(runID)
            """
        if let condition = range.pathCondition { sql = sql + " AND unit." + condition }
        sql = sql + " ORDER BY r.rank, unit.path"
        return try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { row in
            StoredResult(unitCode: row["unitCode"], rank: row["rank"], score: row["score"], breakdown: row["breakdown"],
                         reward: row["reward"], indicators: row["indicators"], notes: row["notes"])
        }
    }

    /// The rewards of a year for the units in a range, by run and unit path.
    static func rewards(_ db: Database, year: Int, in range: UnitRange) throws -> [(unit: String, amount: Money, rank: Int, runID: Int64)] {
        var sql: SQL = "SELECT reward.* FROM reward JOIN unit ON unit.code = reward.unitCode WHERE year = \(year)"
        if let condition = range.pathCondition { sql = sql + " AND unit." + condition }
        sql = sql + " ORDER BY reward.runID, unit.path"
        return try Row.fetchAll(db, SQLRequest<Row>(literal: sql)).map { ($0["unitCode"], $0["amount"], $0["rank"], $0["runID"]) }
    }
}
