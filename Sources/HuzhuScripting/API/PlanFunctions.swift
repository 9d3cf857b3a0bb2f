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
        m.function("define", doc: LuaDoc(
            "Creates a plan, or renames it (its kind and exclusive group change only while it has no policies), as `huzhu plans apply` does; a federation operation.",
            params: [.init("plan", "{code: string, name: string, kind: string, exclusive_group?: string}",
                           "kind: accident, inpatient, critical_illness, female_disease, other")],
            returns: [.init("huzhu.Plan")])) { call in
            try state.refuseInRule("huzhu.plans.define")
            let o = try Options(call, 1, allowed: ["code", "name", "kind", "exclusive_group"])
            var decoder = PlanFieldDecoder()
            let plan = decoder.plan(try PlanDefinitionValues.fields(o.fields, function: "huzhu.plans.define"),
                                    place: "plan \((try? o.string("code")) ?? "?")")
            try PlanDefinitionValues.check(decoder, function: "huzhu.plans.define")
            return try push(call, state, applying: PlanDefinition(plan: plan!, terms: []))
        }
        m.function("add_term", doc: LuaDoc(
            "Adds a term to a plan with its rules — all of them, or `like` an earlier term and only what differs — or changes a term that has no policies yet; money in fen, ratio in basis points, as `huzhu plans apply` does.",
            params: [.init("term", "{plan: string, label: string, start: string, years?: integer, end?: string, like?: string, price?: integer, max_shares?: integer, min_age?: integer|false, max_age?: integer|false, gender?: string, waiting_days?: integer, deductible?: integer, ratio?: integer, benefit_base?: string, per_claim_cap?: integer|false, per_term_cap?: integer|false, benefits?: {code: string, name: string, amount: integer}[], report_days?: integer, lapse_days?: integer, group_min_percent?: integer|false, group_everyone_below?: integer|false, refund?: string, leaving?: string}",
                           "the fields of a plans.toml term (docs/plans.md) with money in fen and the ratio in basis points")],
            returns: [.init("huzhu.Plan")])) { call in
            try state.refuseInRule("huzhu.plans.add_term")
            let function = "huzhu.plans.add_term"
            var fields = try PlanDefinitionValues.fields(try call.optionalTable(1), function: function)
            guard case .text(let code)? = fields.removeValue(forKey: "plan") else {
                throw ScriptingError("\(function): plan: the plan's code (a string) expected")
            }
            let db = try state.db()
            guard let plan = try state.services.plans.plan(db, code: code) else {
                throw ValidationError(ValidationFailure(.planUnknown, field: "plan", value: .plain(code), ["code": code]))
            }
            let stored = try state.services.plans.terms(db, planCode: code)
            var decoder = PlanFieldDecoder()
            let label = (fields["label"]).flatMap { if case .text(let t) = $0 { t } else { nil } } ?? "?"
            let term = decoder.term(fields, place: "plan \(code), term \(label)") { like in
                stored.last { $0.label == like }?.rules
            }
            try PlanDefinitionValues.check(decoder, function: function)
            return try push(call, state, applying: PlanDefinition(plan: plan, terms: [term!]))
        }
        return m
    }

    /// Applies one plan's definition through the service and returns the plan as stored.
    private static func push(_ call: LuaCall, _ state: RunState, applying definition: PlanDefinition) throws -> Int32 {
        let db = try state.db()
        try state.services.plans.apply(db, [definition], context: state.context)
        let plans = state.services.plans
        guard let plan = try plans.plan(db, code: definition.plan.code) else { preconditionFailure("just applied") }
        return try call.push(Records.plan(plan, terms: try plans.terms(db, planCode: plan.code)))
    }
}
