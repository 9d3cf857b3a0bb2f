import HuzhuCore
import LuaHost

/// `huzhu.indicators{…}`: the figures a unit's subtree is judged by.
enum IndicatorFunctions {
    static let keys = ["unit", "level", "from", "to", "overdue_days", "programme_year"]

    static func add(to m: inout LuaModule, _ state: RunState) {
        m.function("indicators", doc: LuaDoc(
            "The figures of a unit's subtree over a period (employees, participation, coverage by plan, contributions by payer, claims and days to payout, overdue claims, target completion); with `level` instead of `unit`, a list with one entry per unit of that kind, in path order.",
            params: [.init("options", "{unit?: string, level?: string, from?: string, to?: string, overdue_days?: integer, programme_year?: boolean}",
                           "unit or level (district, county, industry …); from: default 1 January of to's year; to: default today; overdue_days: default 30; programme_year: policies and contributions count the policies of terms starting in to's year enrolled by to, instead of those enrolled in the period")],
            returns: [.init("huzhu.Indicators|huzhu.Indicators[]")])) { call in
            let o = try Options(call, 1, allowed: keys)
            let to = try o.string("to").map { try CivilDate(parsing: $0) } ?? state.context.today
            let from = try o.string("from").map { try CivilDate(parsing: $0) } ?? CivilDate(year: to.year, month: 1, day: 1)!
            let overdue = Int(try o.integer("overdue_days") ?? 30)
            let programmeYear = try o.boolean("programme_year") ?? false
            let db = try state.db()
            if let level = try o.choice("level", UnitKind.self, names: UnitKind.allCases.map(\.rawValue)) {
                guard try o.string("unit") == nil else { throw o.fail("unit", "nil when level is given") }
                let all = try state.services.indicators.indicators(db, level: level, from: from, to: to, overdueDays: overdue,
                                                                        programmeYear: programmeYear)
                return try call.push(.array(all.map { value($0.fields) }))
            }
            let unit = try o.requiredString("unit")
            return try call.push(value(try state.services.indicators.indicators(db, unitCode: unit, from: from, to: to,
                                                                                overdueDays: overdue,
                                                                                programmeYear: programmeYear).fields))
        }
    }

    /// An indicator value as Lua sees it.
    static func value(_ v: IndicatorValue) -> LuaValue {
        switch v {
        case .integer(let i): return .integer(i)
        case .number(let d): return .number(d)
        case .text(let s): return .string(s)
        case .boolean(let b): return .boolean(b)
        case .fields(let f): return .table(f.mapValues(value))
        }
    }
}

extension IndicatorFunctions {
    /// The record types of targets, indicators and appraisals, for the editor definitions.
    static let classes: [LuaClassDoc] = [
        LuaClassDoc("huzhu.Target", fields: [
            .init("unit", "string"), .init("year", "integer"), .init("plan", "string?", "nil: all plans"),
            .init("members", "integer", "distinct members to enroll"), .init("contributions", "integer", "fen"),
            .init("set_by", "string"), .init("set_on", "string"),
        ]),
        LuaClassDoc("huzhu.TargetProgress", fields: [
            .init("unit", "string"), .init("year", "integer"), .init("plan", "string?"), .init("as_of", "string"),
            .init("members", "integer", "the target"), .init("contributions", "integer", "the target, fen"),
            .init("enrolled", "integer", "distinct members enrolled in the terms starting in the target's year"), .init("collected", "integer", "fen"),
            .init("members_completion", "number", "percent"), .init("contributions_completion", "number", "percent"),
            .init("completion", "number", "percent: the lower of the two"),
            .init("elapsed", "number", "percent of the year gone"), .init("on_track", "boolean", "completion ≥ elapsed (时间过半、任务过半)"),
            .init("reached_on", "string?", "the date both targets were reached"),
        ]),
        LuaClassDoc("huzhu.ClaimIndicators", fields: [
            .init("reported", "integer"), .init("rejected", "integer"), .init("paid", "integer"),
            .init("amount_paid", "integer", "fen"), .init("average_days", "number?", "report → payout"),
            .init("p90_days", "integer?", "90th percentile, nearest rank"), .init("overdue", "integer", "on `to`"),
            .init("overdue_days", "integer"),
        ]),
        LuaClassDoc("huzhu.Indicators", fields: [
            .init("unit", "string"), .init("from", "string"), .init("to", "string"),
            .init("employees", "integer", "headcounts of to's year"), .init("enrolled", "integer", "distinct members covered in the period"),
            .init("participation", "number", "percent (参保率); 0 without employees"),
            .init("coverage", "table<string, integer>", "members per plan code"),
            .init("policies", "integer", "enrolled in the period (programme_year: of terms starting in to's year)"),
            .init("contributions", "{total: integer, administration: integer, union: integer, member: integer}", "fen"),
            .init("claims", "huzhu.ClaimIndicators"), .init("target", "huzhu.TargetProgress?"),
        ]),
        LuaClassDoc("huzhu.AppraisalResult", fields: [
            .init("unit", "string"), .init("name", "string"), .init("rank", "integer", "equal scores share a rank"),
            .init("score", "number"), .init("breakdown", "table<string, number>"), .init("reward", "integer", "fen"),
            .init("notes", "string[]"), .init("indicators", "huzhu.Indicators"), .init("run", "integer"),
            .init("status", "string", "current or confirmed"), .init("as_of", "string"),
        ]),
    ]
}
