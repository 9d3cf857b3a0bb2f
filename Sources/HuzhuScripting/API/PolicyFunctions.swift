import HuzhuCore
import LuaHost

/// `huzhu.policies`, `huzhu.enroll` and `huzhu.enroll_unit`: enrollments (参保).
enum PolicyFunctions {
    static let statuses = ["active", "cancelled", "expired"]
    static let filterKeys = ["unit", "plan", "year", "status", "member"]
    static let filterDoc = LuaDoc.Param("filter", "{unit?: string, plan?: string, year?: integer, status?: string, member?: string}?",
                                        "unit: enrolling unit's subtree; plan: plan code; year: term start year; status: active, cancelled, expired; member: resident ID")

    static func filter(_ call: LuaCall) throws -> PolicyFilter {
        let o = try Options(call, 1, allowed: filterKeys)
        return PolicyFilter(unit: try o.string("unit"), planCode: try o.string("plan"),
                            year: try o.integer("year").map { Int($0) },
                            status: try o.choice("status", PolicyStatus.self, names: statuses),
                            residentID: try o.string("member"))
    }

    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("policies", summary: "Policies: one member's enrollment in one plan term.")
        m.function("get", doc: LuaDoc("The policy with an id, or nil.", params: [.init("id", "integer")], returns: [.init("huzhu.Policy?")])) { call in
            guard let detail = try state.services.enrollment.policy(try state.db(), id: try call.integer(1)) else { return call.pushNil() }
            return try call.push(Records.policy(detail))
        }
        m.function("each", doc: LuaDoc("Iterates policies in constant memory: `for p in huzhu.policies.each{plan = \"ACC\", year = 2026} do … end`.",
                                       params: [filterDoc], returns: [.init("fun(): huzhu.Policy?")])) { call in
            let filter = try filter(call)
            return try pushPagedIterator(call, name: "policies", fetch: { after in
                try state.services.enrollment.page(try state.db(), filter, after: after, limit: 256)
            }, key: { $0.policy.id }, convert: Records.policy)
        }
        m.function("count", doc: LuaDoc("The number of policies matching a filter (as for `each`).",
                                        params: [filterDoc], returns: [.init("integer")])) { call in
            call.push(Int64(try state.services.enrollment.count(try state.db(), try filter(call))))
        }
        m.function("cancel", doc: LuaDoc(
            "Cancels an active policy (退保) on a date (its last covered day; default today) with its term's refund rule; the refund goes back to administration, union and member in proportion to what each paid and is posted to the ledger. Claims for incidents after the date are refused (E655). Refusals: E509, E250, E510, E517 (no reason), E309, E515 (date outside the policy), E516 (a claim after the date).",
            params: [.init("id", "integer"), .init("options", "{reason: string, date?: string}", "date: YYYY-MM-DD")],
            returns: [.init("huzhu.Cancellation")])) { call in
            try state.refuseInRule("huzhu.policies.cancel")
            let id = try call.integer(1)
            let o = try Options(call, 2, allowed: ["reason", "date"])
            let result = try state.services.enrollment.cancel(try state.db(), policyID: id, on: try ClaimFunctions.date(o, "date"),
                                                               reason: try o.string("reason") ?? "", context: state.context)
            return try call.push(Records.cancellation(result))
        }
        return m
    }

    /// Adds `enroll` and `enroll_unit` to the top-level module.
    static func addEnrollment(to m: inout LuaModule, _ state: RunState) {
        m.function("enroll", doc: LuaDoc(
            "Enrolls one member in a plan term; the core validates (eligibility, overlap, exclusive plans, shares, split). A refusal is an error with its code: `E503 member …: already holds …`.",
            params: [.init("request", "{member: string, plan: string, term?: string, shares?: integer, split?: {administration: integer, union: integer, member: integer}}",
                           "member: resident ID; term: label, default the plan's open term; shares: default 1; split: in fen, must add up to the contribution (default: the member pays all)")],
            returns: [.init("huzhu.Policy")])) { call in
            try state.refuseInRule("huzhu.enroll")
            let o = try Options(call, 1, allowed: ["member", "plan", "term", "shares", "split"])
            var split: ContributionSplit?
            if let value = o.fields["split"], value != .nil {
                split = try splitValue(value, call: call)
            }
            let request = EnrollmentRequest(residentID: try o.requiredString("member"), planCode: try o.requiredString("plan"),
                                            termLabel: try o.string("term"), shares: Int(try o.integer("shares") ?? 1), split: split)
            let db = try state.db()
            let policy = try state.services.enrollment.enroll(db, request, context: state.context)
            let term = try state.services.plans.term(db, id: policy.planTermID)?.label ?? ""
            return try call.push(Records.policy(policy, residentID: request.residentID, term: term))
        }
        m.function("enroll_unit", doc: LuaDoc(
            "Enrolls a unit's active members as one batch, checked against the plan's group rule (e.g. at least 50% of employees; everyone under 30). All or nothing.",
            params: [.init("request", "{unit: string, plan: string, term?: string, shares?: integer}")],
            returns: [.init("{batch: integer, enrolled: integer, skipped: string[]}", "skipped: why ineligible members were left out")])) { call in
            try state.refuseInRule("huzhu.enroll_unit")
            let o = try Options(call, 1, allowed: ["unit", "plan", "term", "shares"])
            let request = GroupEnrollmentRequest(unitCode: try o.requiredString("unit"), planCode: try o.requiredString("plan"),
                                                 termLabel: try o.string("term"), shares: Int(try o.integer("shares") ?? 1))
            let result = try state.services.enrollment.enrollUnit(try state.db(), request, context: state.context)
            return try call.push(.table([
                "batch": result.batch.id.map(LuaValue.integer) ?? .nil,
                "enrolled": .integer(Int64(result.policies.count)),
                "skipped": .array(result.skipped.map { .string($0.description) }),
            ]))
        }
    }

    /// Adds `renew` to the top-level module.
    static func addRenewal(to m: inout LuaModule, _ state: RunState) {
        m.function("renew", doc: LuaDoc(
            "Renews a plan (续保): members still active who hold a policy of the plan's previous term (its latest term starting before `to_term`) get `to_term` with the same shares, unit by unit as `enroll_unit` does (eligibility, the group rule on the new year's headcount, the subsidy formula in force on the new term's start). A unit refused as a whole (group rule, closed) renews no one and the others go on; every member left out is listed with the reason.",
            params: [.init("request", "{plan: string, to_term: string, unit?: string}",
                           "to_term: the new term's label; unit: renew that unit's subtree only (default: every unit in the run's scope)")],
            returns: [.init("huzhu.Renewal")])) { call in
            try state.refuseInRule("huzhu.renew")
            let o = try Options(call, 1, allowed: ["plan", "to_term", "unit"])
            let request = RenewalRequest(planCode: try o.requiredString("plan"), termLabel: try o.requiredString("to_term"),
                                         unitCode: try o.string("unit"))
            let result = try state.services.enrollment.renew(try state.db(), request, context: state.context)
            return try call.push(renewal(result))
        }
    }

    /// A renewal's result as Lua sees it (`huzhu.Renewal`).
    static func renewal(_ result: RenewalResult) -> LuaValue {
        .table([
            "plan": .string(result.term.planCode), "term": .string(result.term.label),
            "from": .string(result.previousTerm.label),
            "renewed": .integer(Int64(result.renewed)), "skipped": .integer(Int64(result.skipped)),
            "units": .array(result.units.map { unit in
                .table([
                    "unit": .string(unit.unitCode),
                    "batch": unit.batch?.id.map(LuaValue.integer) ?? .nil,
                    "renewed": .integer(Int64(unit.renewed)),
                    "skipped": .array(unit.skipped.map { .string($0.description) }),
                    "refused": .array(unit.refusal.map { .string($0.description) }),
                ])
            }),
        ])
    }

    static func splitValue(_ value: LuaValue, call: LuaCall) throws -> ContributionSplit {
        func part(_ key: String) throws -> Money {
            guard let fen = value[key].integerValue, fen.magnitude <= Options.moneyBound.magnitude else {
                throw LuaArgumentError(position: 1, function: call.functionName,
                                       problem: "split.\(key): whole fen from -\(Options.moneyBound) to \(Options.moneyBound) expected, "
                                           + "got \(value[key].description)")
            }
            return Money(fen: fen)
        }
        guard case .table = value else {
            throw LuaArgumentError(position: 1, function: call.functionName, problem: "option 'split': table expected, got \(value.typeName)")
        }
        return ContributionSplit(administration: try part("administration"), union: try part("union"), member: try part("member"))
    }
}
