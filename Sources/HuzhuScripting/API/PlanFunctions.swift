import HuzhuCore
import LuaHost

/// `huzhu.plans`: mutual-aid plans and their terms.
enum PlanFunctions {
    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("plans", summary: "Mutual-aid plans (保障计划) with their terms.")
        m.function("get", doc: LuaDoc("The plan with a code, with its terms, or nil.",
                                      params: [.init("code", "string")], returns: [.init("huzhu.Plan?")])) { call in
            let db = try state.db()
            guard let plan = try state.services.plans.plan(db, code: try call.string(1)) else { return call.pushNil() }
            return try call.push(Records.plan(plan, terms: try state.services.plans.terms(db, planCode: plan.code)))
        }
        m.function("each", doc: LuaDoc("Iterates every plan, by code: `for p in huzhu.plans.each() do … end`.",
                                       returns: [.init("fun(): huzhu.Plan?")])) { call in
            let db = try state.db()
            let plans = try state.services.plans.plans(db).map { Records.plan($0, terms: try state.services.plans.terms(db, planCode: $0.code)) }
            var index = 0
            return try call.push(function: "plans") { inner in
                guard index < plans.count else { return inner.pushNil() }
                index += 1
                return try inner.push(plans[index - 1])
            }
        }
        return m
    }
}
