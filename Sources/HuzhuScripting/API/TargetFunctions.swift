import HuzhuCore
import LuaHost

/// `huzhu.targets`: units' annual targets and progress toward them.
enum TargetFunctions {
    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("targets", summary: "Units' annual targets (members, contributions in fen) and progress: 时间过半、任务过半.")
        m.function("set", doc: LuaDoc(
            "Sets (or replaces) a unit's target for a year, for all plans or one plan. Validated and audited.",
            params: [.init("target", "{unit: string, year: integer, members: integer, contributions: integer, plan?: string}",
                           "contributions in fen")],
            returns: [.init("huzhu.Target")])) { call in
            try state.refuseInRule("huzhu.targets.set")
            let o = try Options(call, 1, allowed: ["unit", "year", "members", "contributions", "plan"])
            guard let year = try o.integer("year") else { throw o.fail("year", "integer") }
            guard let members = try o.integer("members") else { throw o.fail("members", "integer") }
            guard let contributions = try o.money("contributions") else { throw o.fail("contributions", "integer (fen)") }
            let target = try state.services.targets.set(try state.db(), Target(
                unitCode: try o.requiredString("unit"), year: Int(year), planCode: try o.string("plan"),
                members: Int(members), contributions: contributions), context: state.context)
            return try call.push(record(target))
        }
        m.function("get", doc: LuaDoc(
            "A unit's target for a year (and plan), or nil when none is set.",
            params: [.init("key", "{unit: string, year: integer, plan?: string}")],
            returns: [.init("huzhu.Target?")])) { call in
            let o = try Options(call, 1, allowed: ["unit", "year", "plan"])
            guard let year = try o.integer("year") else { throw o.fail("year", "integer") }
            guard let target = try state.services.targets.target(try state.db(), unitCode: try o.requiredString("unit"),
                                                                 year: Int(year), planCode: try o.string("plan"))
            else { return call.pushNil() }
            return try call.push(record(target))
        }
        m.function("list", doc: LuaDoc(
            "The targets of a year in the scope (optionally under a unit), by unit code.",
            params: [.init("filter", "{year: integer, unit?: string}")],
            returns: [.init("huzhu.Target[]")])) { call in
            let o = try Options(call, 1, allowed: ["year", "unit"])
            guard let year = try o.integer("year") else { throw o.fail("year", "integer") }
            let all = try state.services.targets.targets(try state.db(), year: Int(year), unitCode: try o.string("unit"))
            return try call.push(.array(all.map(record)))
        }
        m.function("progress", doc: LuaDoc(
            "Progress toward a unit's target of the date's year: enrolled members and contributions since 1 January, completion and the share of the year gone in percent, on_track (completion ≥ elapsed), reached_on. Nil when no target is set.",
            params: [.init("key", "{unit: string, date?: string, plan?: string}", "date: default today")],
            returns: [.init("huzhu.TargetProgress?")])) { call in
            let o = try Options(call, 1, allowed: ["unit", "date", "plan"])
            let date = try o.string("date").map { try CivilDate(parsing: $0) } ?? state.context.today
            guard let progress = try state.services.targets.progress(try state.db(), unitCode: try o.requiredString("unit"),
                                                                     planCode: try o.string("plan"), asOf: date)
            else { return call.pushNil() }
            return try call.push(IndicatorFunctions.value(progress.fields))
        }
        return m
    }

    static func record(_ t: Target) -> LuaValue {
        var fields: [String: LuaValue] = [
            "unit": .string(t.unitCode), "year": .integer(Int64(t.year)), "members": .integer(Int64(t.members)),
            "contributions": .integer(t.contributions.fen), "set_by": .string(t.operatorName), "set_on": .string(t.setOn.description),
        ]
        if let plan = t.planCode { fields["plan"] = .string(plan) }
        return .table(fields)
    }
}
