import HuzhuCore
import LuaHost

/// `huzhu.appraisal`: stored appraisal results and the reward register (read only;
/// appraisals are run by `huzhu appraise`).
enum AppraisalFunctions {
    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("appraisal", summary: "Appraisal results (半年初评, 年终总评) and the reward register, as stored by `huzhu appraise`.")
        m.function("results", doc: LuaDoc(
            "The results in force (the current or confirmed run) for a level, period and year, in rank order; empty when the appraisal has not been run. `level` is one unit kind or a list of kinds ranked together (`{'district', 'county', 'industry'}`, or the string `'district,county,industry'`); a combined run is its own run, apart from the single kinds' runs.",
            params: [.init("key", "{level: string|string[], period: string, year: integer}", "period: H1 or YEAR")],
            returns: [.init("huzhu.AppraisalResult[]")])) { call in
            let o = try Options(call, 1, allowed: ["level", "period", "year"])
            let (level, period, year) = try key(o)
            let db = try state.db()
            let service = state.services.appraisals
            guard let run = try service.current(db, level: level, period: period, year: Int(year)) else {
                return try call.push(.array([]))
            }
            return try call.push(.array(try service.results(db, runID: run.id!).map { record($0, run: run) }))
        }
        m.function("run", doc: LuaDoc(
            "Runs an appraisal in this script's transaction, as `huzhu appraise` does: the appraisal rule in force on the as-of date scores every unit of the level — one unit kind, or a list of kinds ranked together (`level = {'district', 'county', 'industry'}`) — and the run is stored (replacing the current run of the same list of kinds, period and year only) and its results returned in rank order. `confirm = true` (YEAR only) makes it final.",
            params: [.init("options", "{level: string|string[], period: string, year: integer, confirm?: boolean, overdue_days?: integer}")],
            returns: [.init("huzhu.AppraisalResult[]")])) { call in
            try state.refuseInRule("huzhu.appraisal.run")
            let o = try Options(call, 1, allowed: ["level", "period", "year", "confirm", "overdue_days"])
            let (level, period, year) = try key(o)
            let confirm = try o.boolean("confirm") ?? false
            if confirm, !period.isFinal {
                throw LuaArgumentError(position: 1, function: call.functionName,
                                       problem: "option 'confirm': only the year-end appraisal (period YEAR) is final")
            }
            try state.services.appraisals.refuseInScope(level: level, confirm: confirm)
            let db = try state.db()
            let rule = try state.appraisalRule!(db, period.asOf(Int(year)))
            let outcome = try state.services.appraisals.run(db, level: level, period: period, year: Int(year), rule: rule,
                                                            confirm: confirm, overdueDays: Int(try o.integer("overdue_days") ?? 30),
                                                            context: state.context)
            return try call.push(.array(outcome.results.map { record($0, run: outcome.run) }))
        }
        m.function("rewards", doc: LuaDoc(
            "The reward register of a year: rewards of confirmed final appraisals (union money, not the mutual-aid fund).",
            params: [.init("year", "integer")],
            returns: [.init("{unit: string, amount: integer, rank: integer, run: integer}[]")])) { call in
            let year = Int(try call.integer(1))
            let rows = try state.services.appraisals.rewards(try state.db(), year: year)
            return try call.push(.array(rows.map {
                .table(["unit": .string($0.unit), "amount": .integer($0.amount.fen), "rank": .integer(Int64($0.rank)),
                        "run": .integer($0.runID)])
            }))
        }
        return m
    }

    /// The `level`, `period` and `year` options naming an appraisal. `level`
    /// is a kind's name, names joined by commas, or a list of names.
    static func key(_ o: Options) throws -> (AppraisalLevel, AppraisalPeriod, Int64) {
        let names: [String]
        switch o.fields["level"] ?? .nil {
        case .string(let text):
            names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        case .array(let items) where !items.isEmpty:
            names = try items.map { item in
                guard case .string(let name) = item else { throw o.fail("level", "string or list of strings") }
                return name
            }
        default:
            throw o.fail("level", "string or list of strings")
        }
        let level: AppraisalLevel
        do { level = try AppraisalLevel(names: names) } catch {
            throw LuaArgumentError(position: o.position, function: o.call.functionName, problem: "option 'level': \(error)")
        }
        guard let period = try o.choice("period", AppraisalPeriod.self, names: ["H1", "YEAR"]) else {
            throw o.fail("period", "string")
        }
        guard let year = try o.integer("year") else { throw o.fail("year", "integer") }
        return (level, period, year)
    }

    static func record(_ r: AppraisalResult, run: AppraisalRun) -> LuaValue {
        .table([
            "unit": .string(r.unit.code), "name": .string(r.unit.name), "rank": .integer(Int64(r.rank)),
            "score": .number(r.score.total), "breakdown": .table(r.score.breakdown.mapValues { .number($0) }),
            "reward": .integer(r.reward.fen), "notes": .array(r.score.notes.map(LuaValue.string)),
            "indicators": IndicatorFunctions.value(r.indicators), "run": .integer(run.id!), "status": .string(run.status),
            "as_of": .string(run.asOf.description),
        ])
    }
}
