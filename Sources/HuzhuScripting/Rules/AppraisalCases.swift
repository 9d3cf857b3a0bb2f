import Foundation
import HuzhuCore
import LuaHost

/// Golden cases for an appraisal rule (`scripts/rules/appraisal.cases.csv`):
/// one case a row, the figures that matter for scoring, then the expected
/// score and, when a rank is given, the expected reward.
///
/// ```
/// case,period,employees,enrolled,target_completion,paid,average_days,overdue,score,rank,reward
/// on pace at the half year,H1,100,80,49.59,10,8,0,100.00,1,500000
/// ```
/// `target_completion` (percent) empty means no target; `average_days`
/// empty means no claim was paid; `rank` and `reward` (fen) may be empty;
/// an optional `year` column (default 2026) sets the period's dates.
/// The rule sees a unit `CASE` named after the case, indicators with
/// these figures (participation = enrolled ÷ employees; the target's
/// completions all equal `target_completion`) and the period.
public enum AppraisalCases {
    public typealias Outcome = SubsidyCases.Outcome

    static let columns = ["case", "period", "employees", "enrolled", "target_completion", "paid", "average_days", "overdue", "score"]

    /// Runs every case of `casesURL` against the rule text `rule`.
    public static func run(rule: String, ruleName: String, casesURL: URL, runner: ScriptRunner) throws -> [Outcome] {
        let reader = try CSVReader(contentsOf: casesURL)
        let file = casesURL.lastPathComponent
        var records: [CSVRecord] = []
        while let record = try reader.nextRecord() { records.append(record) }
        let header = reader.header.map { $0.trimmingCharacters(in: .whitespaces) }
        for column in columns where !header.contains(column) {
            throw ScriptingError("\(file):\(reader.headerLine): missing column '\(column)'")
        }
        let script = try runner.host.load(rule, name: ruleName)
        try script.run()
        guard script.defines(function: "score") else {
            throw ScriptingError("\(ruleName) does not define function score(unit, indicators, period)")
        }
        return try records.map { record in
            func field(_ name: String) -> String {
                guard let i = header.firstIndex(of: name), i < record.fields.count else { return "" }
                return record.fields[i].trimmingCharacters(in: .whitespaces)
            }
            func number(_ name: String) throws -> Double? {
                let text = field(name)
                if text.isEmpty { return nil }
                guard let v = Double(text), v.isFinite else {
                    throw ScriptingError("\(file):\(record.line): \(name) \"\(text)\" is not a number")
                }
                return v
            }
            func integer(_ name: String) throws -> Int64 {
                guard let v = Int64(field(name)) else {
                    throw ScriptingError("\(file):\(record.line): \(name) \"\(field(name))\" is not a whole number")
                }
                return v
            }
            guard let period = AppraisalPeriod(rawValue: field("period").uppercased()) else {
                throw ScriptingError("\(file):\(record.line): period \"\(field("period"))\" is not H1 or YEAR")
            }
            let year = field("year").isEmpty ? 2026 : Int(try integer("year"))
            let employees = try integer("employees"), enrolled = try integer("enrolled")
            let elapsed = TargetProgress.elapsed(period.asOf(year))
            var claims: [String: LuaValue] = [
                "reported": .integer(try integer("paid")), "rejected": 0, "paid": .integer(try integer("paid")),
                "amount_paid": 0, "overdue": .integer(try integer("overdue")), "overdue_days": 30,
            ]
            if let days = try number("average_days") { claims["average_days"] = .number(days) }
            var indicators: [String: LuaValue] = [
                "unit": "CASE", "from": .string(period.from(year).description), "to": .string(period.asOf(year).description),
                "employees": .integer(employees), "enrolled": .integer(enrolled),
                "participation": .number(employees == 0 ? 0 : Double(enrolled) * 100 / Double(employees)),
                "coverage": .table([:]), "policies": .integer(enrolled),
                "contributions": .table(["total": 0, "administration": 0, "union": 0, "member": 0]),
                "claims": .table(claims),
            ]
            if let completion = try number("target_completion") {
                indicators["target"] = .table([
                    "completion": .number(completion), "members_completion": .number(completion),
                    "contributions_completion": .number(completion), "elapsed": .number(elapsed),
                    "on_track": .boolean(completion >= elapsed), "unit": "CASE", "year": .integer(Int64(year)),
                ])
            }
            let unit: LuaValue = .table(["code": "CASE", "name": .string(field("case")), "kind": "district", "path": "/CASE/"])
            var problems: [String] = []
            do {
                let (results, line) = try script.callRecordingReturnLine("score", [
                    unit, .table(indicators), AppraisalValues.period(period, year: year),
                ])
                let score = try AppraisalValues.score(from: results, script: ruleName, line: line, unit: "CASE", notes: [])
                let expected = AppraisalScore(total: try number("score") ?? .nan).total
                if score.total != expected {
                    problems.append("score: expected \(AppraisalCases.format(expected)), got \(AppraisalCases.format(score.total))")
                }
                if !field("rank").isEmpty, script.defines(function: "reward") {
                    let rank = try integer("rank")
                    let (given, rewardLine) = try script.callRecordingReturnLine("reward", [
                        .integer(rank), .number(score.total), unit, .integer(max(rank, 10)),
                    ])
                    let reward = try AppraisalValues.reward(from: given, script: ruleName, line: rewardLine, rank: Int(rank), unit: "CASE")
                    let expectedReward = try integer("reward")
                    if reward.fen != expectedReward { problems.append("reward: expected \(expectedReward), got \(reward.fen)") }
                }
            } catch let error as LuaError {
                problems.append(error.message)
            } catch let error as ScriptingError {
                problems.append(error.description)
            }
            return Outcome(name: field("case"), line: record.line, problems: problems)
        }
    }

    static func format(_ d: Double) -> String { String(format: "%.2f", d) }
}
