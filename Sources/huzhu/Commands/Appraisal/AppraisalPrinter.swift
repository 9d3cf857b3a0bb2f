import Foundation
import HuzhuCore

/// The text of an appraisal: heading, ranking table, what was stored.
enum AppraisalPrinter {
    static func heading(_ run: AppraisalRun, rule: String) -> String {
        "\(run.period.chineseName) \(run.period.rawValue) \(run.year) · \(run.level.rawValue) units · as of \(run.asOf) · rule \(rule)"
    }

    /// Points with two decimals, rounded half away from zero like the totals ranks compare.
    static func score(_ d: Double) -> String { String(format: "%.2f", (d * 100).rounded() / 100) }

    /// rank, unit, name, score, one column per breakdown item (sorted), reward.
    static func table(_ results: [AppraisalResult]) -> String {
        let items = Array(Set(results.flatMap { $0.score.breakdown.keys })).sorted()
        let rows = results.map { r -> [String] in
            [String(r.rank), r.unit.code, r.unit.name, score(r.score.total)]
                + items.map { r.score.breakdown[$0].map(score) ?? "" } + [r.reward.formatted()]
        }
        return TextTable.render(header: ["rank", "unit", "name", "score"] + items + ["reward"], rows: rows)
    }

    static func footer(_ outcome: AppraisalOutcome, stored: Bool) -> String {
        let total = outcome.results.reduce(Int64(0)) { $0 + $1.reward.fen }
        let rewarded = outcome.results.filter { $0.reward.fen > 0 }.count
        let rewards = "rewards: \(rewarded) \(rewarded == 1 ? "unit" : "units"), \(Money(fen: total).formatted()) yuan"
        guard stored else { return "dry run: nothing stored (\(rewards))" }
        let replaced = outcome.superseded.map { " (replaces run \($0), kept in history)" } ?? ""
        if outcome.run.status == "confirmed" {
            return "stored as run \(outcome.run.id!)\(replaced): confirmed, final and locked; \(rewards) entered in the reward register"
        }
        return "stored as run \(outcome.run.id!)\(replaced): \(outcome.run.period.isFinal ? "not yet confirmed (--confirm makes it final)" : "preliminary"); \(rewards) (registered only when a year-end appraisal is confirmed)"
    }

    /// The results in force and the run history, as stored.
    static func stored(database: HuzhuDatabase, level: AppraisalLevel, period: AppraisalPeriod, year: Int) throws -> String {
        try database.read { db in
            let service = AppraisalService()
            let history = try service.history(db, level: level, period: period, year: year)
            guard let current = try service.current(db, level: level, period: period, year: year) else {
                return "no \(period.rawValue) \(year) appraisal of \(level.rawValue) units has been run"
            }
            var lines = [heading(current, rule: "\(current.ruleName) \(current.ruleSHA256.prefix(12))"),
                         table(try service.results(db, runID: current.id!)), "", "runs:"]
            for run in history {
                var line = "  \(run.id!)  \(run.status)  ran \(run.ranOn) by \(run.operatorName)"
                if let on = run.confirmedOn { line += ", confirmed \(on) by \(run.confirmedBy ?? "?")" }
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        }
    }
}
