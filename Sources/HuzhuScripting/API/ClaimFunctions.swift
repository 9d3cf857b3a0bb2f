import HuzhuCore
import LuaHost

/// `huzhu.claims`: claims from report to payout (理赔).
enum ClaimFunctions {
    static let filterKeys = ["status", "unit", "plan", "from", "to", "policy", "member"]
    static let filterDoc = LuaDoc.Param(
        "filter", "{status?: string, unit?: string, plan?: string, from?: string, to?: string, policy?: integer, member?: string}?",
        "status: reported, underReview, approved, rejected, paid; unit: the policy's enrolling unit's subtree; plan: plan code; from/to: reported on or after/before (YYYY-MM-DD); policy: policy id; member: resident ID")
    static let reportKeys = ["policy", "member", "plan", "kind", "incident", "admission", "discharge", "settlement", "diagnosis",
                             "benefit_item", "total", "insurance_paid", "self_paid", "documents", "reported_on", "note"]

    static func date(_ o: Options, _ key: String) throws -> CivilDate? {
        guard let text = try o.string(key) else { return nil }
        return try CivilDate(parsing: text)
    }

    static func filter(_ call: LuaCall) throws -> ClaimFilter {
        let o = try Options(call, 1, allowed: filterKeys)
        return ClaimFilter(status: try o.string("status").map { try ClaimStatus(parsing: $0) }, unit: try o.string("unit"),
                           planCode: try o.string("plan"), from: try date(o, "from"), to: try date(o, "to"),
                           policyID: try o.integer("policy"), residentID: try o.string("member"))
    }

    static func documents(_ value: LuaValue?, call: LuaCall, position: Int32 = 1,
                          what: String = "option 'documents'") throws -> [ClaimDocument] {
        guard let value, value != .nil else { return [] }
        let items: [LuaValue]
        switch value {
        case .array(let a): items = a
        case .table(let t) where t.isEmpty: items = []
        default:
            throw LuaArgumentError(position: position, function: call.functionName,
                                   problem: "\(what): list of strings expected, got \(value.typeName)")
        }
        return try items.map { item in
            guard let text = item.stringValue else {
                throw LuaArgumentError(position: position, function: call.functionName,
                                       problem: "\(what): list of strings expected, got \(item.typeName) in it")
            }
            return try ClaimDocument(parsing: text)
        }
    }

    static func report(_ call: LuaCall) throws -> ClaimReport {
        let o = try Options(call, 1, allowed: reportKeys)
        let kind = try ClaimKind(parsing: try o.requiredString("kind"))
        guard let incident = try date(o, "incident") else { throw o.fail("incident", "string") }
        var report: ClaimReport
        if let policy = try o.integer("policy") {
            report = ClaimReport(policyID: policy, kind: kind, incidentDate: incident)
        } else {
            report = ClaimReport(residentID: try o.requiredString("member"), planCode: try o.requiredString("plan"),
                                 kind: kind, incidentDate: incident)
        }
        report.admissionDate = try date(o, "admission")
        report.dischargeDate = try date(o, "discharge")
        report.settlementDate = try date(o, "settlement")
        report.diagnosis = try o.string("diagnosis")
        report.benefitItemCode = try o.string("benefit_item")
        let total = try o.money("total") ?? .zero
        let insurance = try o.money("insurance_paid") ?? .zero
        let selfPaid = try o.money("self_paid") ?? Money(fen: total.fen - insurance.fen)   // both bounded: no overflow
        report.expenses = ClaimExpenses(total: total, insurancePaid: insurance, selfPaid: selfPaid)
        report.documents = try documents(o.fields["documents"], call: call)
        report.reportedOn = try date(o, "reported_on")
        report.note = try o.string("note")
        return report
    }

    static func decision(_ call: LuaCall) throws -> ClaimDecision {
        let o = try Options(call, 2, allowed: ["approve", "amount", "note", "reject"])
        let note = try o.string("note")
        let approve = try o.boolean("approve") ?? false
        let reject = o.fields["reject"] ?? .nil
        switch (approve, reject) {
        case (true, .nil):
            return .approve(amount: try o.money("amount"), note: note)
        case (false, .string(let text)):
            return .reject(try ClaimRejectionReason(parsing: text), note: note)
        case (false, let value) where value.integerValue != nil:
            return .reject(try ClaimRejectionReason(parsing: String(value.integerValue!)), note: note)
        case (false, .nil):
            throw LuaArgumentError(position: 2, function: call.functionName,
                                   problem: "the decision needs approve = true or reject = reason")
        case (true, _):
            throw LuaArgumentError(position: 2, function: call.functionName,
                                   problem: "approve and reject cannot both be given")
        default:
            throw o.fail("reject", "string or integer")
        }
    }

    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("claims", summary: "Claims (理赔): reported → underReview → approved or rejected; approved → paid.")
        m.function("report", doc: LuaDoc(
            "Reports a claim (报案). Name the policy by id, or the member and the plan. A late report is flagged (late_report); one past the lapse window is stored and rejected at once (654). A refusal is an error with its code, e.g. `E651`.",
            params: [.init("report", "{policy?: integer, member?: string, plan?: string, kind: string, incident: string, admission?: string, discharge?: string, settlement?: string, diagnosis?: string, benefit_item?: string, total?: integer, insurance_paid?: integer, self_paid?: integer, documents?: string[], reported_on?: string, note?: string}",
                           "kind: illness, accident, death, disability, femaleDisease, criticalIllness; dates YYYY-MM-DD; money in fen (self_paid defaults to total − insurance_paid); documents: names like applicationForm, idCopy, bankCard, invoices or their Chinese names (理赔申请书, 身份证复印件 …); reported_on: default today")],
            returns: [.init("huzhu.Claim")])) { call in
            try state.refuseInRule("huzhu.claims.report")
            let db = try state.db()
            let claim = try state.services.claims.report(db, try report(call), context: state.context)
            return try call.push(Records.claim(try state.services.claims.claim(db, id: claim.id!)!))
        }
        m.function("review", doc: LuaDoc(
            "Decides a claim: approve (the computed benefit, or a smaller `amount`) or reject with a coded reason (name like `waitingPeriod` or number like 652). A reported claim is taken up for review first. A wrong step is an error, e.g. `E602 claim 3: cannot approve a paid claim`.",
            params: [.init("id", "integer"),
                     .init("decision", "{approve?: boolean, amount?: integer, reject?: string|integer, note?: string}",
                           "approve = true with an optional amount in fen, or reject = reason")],
            returns: [.init("huzhu.Claim")])) { call in
            try state.refuseInRule("huzhu.claims.review")
            let id = try call.integer(1)
            let decision = try decision(call)
            let db = try state.db()
            let claims = state.services.claims
            if let current = try claims.claim(db, id: id), current.claim.status == .reported {
                try claims.beginReview(db, claimID: id, context: state.context)
            }
            var decided = decision
            // Approving at the computed benefit: a union's `benefit` rule, if one is in force, proposes the amount.
            if case .approve(nil, nil, let note) = decision, let rule = state.benefitRule,
               let detail = try claims.claim(db, id: id),
               let proposal = try rule.proposal(db, claim: detail, computed: try claims.benefit(db, claimID: id), on: state.context.today) {
                decided = .approve(amount: nil, topUp: proposal, note: note)
            }
            try claims.review(db, claimID: id, decided, context: state.context)
            return try call.push(Records.claim(try claims.claim(db, id: id)!))
        }
        m.function("pay", doc: LuaDoc(
            "Pays an approved claim once (赔付) and posts the payout to the ledger. A second payment is refused (E603). A claim reopened after its payment and approved for more is paid the difference (a further payment, its own payout; any other amount is E623).",
            params: [.init("id", "integer"),
                     .init("payment", "{amount: integer, method?: string, reference: string, date?: string}",
                           "amount: fen, must equal the approved amount (for a further payment, the amount still due); method: bankTransfer (default), cash, cheque; date: default today")],
            returns: [.init("huzhu.Claim")])) { call in
            try state.refuseInRule("huzhu.claims.pay")
            let id = try call.integer(1)
            let o = try Options(call, 2, allowed: ["amount", "method", "reference", "date"])
            guard let amount = try o.money("amount") else { throw o.fail("amount", "integer") }
            let payment = ClaimPayment(amount: amount,
                                       method: try o.string("method").map { try PaymentMethod(parsing: $0) } ?? .bankTransfer,
                                       reference: try o.requiredString("reference"),
                                       paidOn: try date(o, "date") ?? state.context.today)
            let db = try state.db()
            try state.services.claims.pay(db, claimID: id, payment, context: state.context)
            return try call.push(Records.claim(try state.services.claims.claim(db, id: id)!))
        }
        m.function("add_documents", doc: LuaDoc(
            "Records documents handed in late (补交材料) while the claim is reported or under review, so a claim waiting for a paper can be decided. Names in English or Chinese (`huzhu claims documents` lists them); a document not on the kind's checklist is added as an extra. A wrong step is E602, an unknown name E613.",
            params: [.init("id", "integer"),
                     .init("documents", "string[]", "e.g. {\"bankCard\", \"出院小结\"}")],
            returns: [.init("huzhu.Claim")])) { call in
            try state.refuseInRule("huzhu.claims.add_documents")
            let id = try call.integer(1)
            let provided = try documents(try call.value(2), call: call, position: 2, what: "documents")
            guard !provided.isEmpty else {
                throw LuaArgumentError(position: 2, function: call.functionName, problem: "documents: name at least one document")
            }
            let db = try state.db()
            try state.services.claims.recordDocuments(db, claimID: id, provided: provided, context: state.context)
            return try call.push(Records.claim(try state.services.claims.claim(db, id: id)!))
        }
        m.function("reopen", doc: LuaDoc(
            "Reopens a rejected, approved or paid claim for review (复核): a new review round, the earlier rounds, payments and ledger kept. Decide it again with `review`: for a claim paid before, a higher amount leaves the difference to `pay` (a further payment), a lower amount or a rejection records what the member owes back (`owed`) — a payment is never reversed. The note is required (E802); a wrong step is E602.",
            params: [.init("id", "integer"), .init("options", "{note: string}", "why it is reopened")],
            returns: [.init("huzhu.Claim")])) { call in
            try state.refuseInRule("huzhu.claims.reopen")
            let id = try call.integer(1)
            let o = try Options(call, 2, allowed: ["note"])
            let note = try o.string("note") ?? ""
            let db = try state.db()
            try state.services.claims.reopen(db, claimID: id, reason: note, context: state.context)
            return try call.push(Records.claim(try state.services.claims.claim(db, id: id)!))
        }
        m.function("repay", doc: LuaDoc(
            "Records a member's repayment of an amount owed back on a reopened claim (退回款) and posts it (Dr fund:cash, Cr members:owe). More than still owed is E930; the reference is required (E802).",
            params: [.init("id", "integer"),
                     .init("repayment", "{amount: integer, method?: string, reference: string, date?: string}",
                           "amount: fen; method: cash (default), bankTransfer, cheque; date: default today")],
            returns: [.init("{claim: huzhu.Claim, outstanding: integer}", "outstanding: fen still owed back")])) { call in
            try state.refuseInRule("huzhu.claims.repay")
            let id = try call.integer(1)
            let o = try Options(call, 2, allowed: ["amount", "method", "reference", "date"])
            guard let amount = try o.money("amount") else { throw o.fail("amount", "integer") }
            let repayment = ClaimRepayment(amount: amount,
                                           method: try o.string("method").map { try PaymentMethod(parsing: $0) } ?? .cash,
                                           reference: try o.requiredString("reference"),
                                           on: try date(o, "date") ?? state.context.today)
            let db = try state.db()
            let result = try state.services.claims.repay(db, claimID: id, repayment, context: state.context)
            return try call.push(.table(["claim": Records.claim(try state.services.claims.claim(db, id: id)!),
                                         "outstanding": .integer(result.outstanding.fen)]))
        }
        m.function("owed", doc: LuaDoc(
            "Claims whose member still owes an amount back (a paid claim reopened and decided lower, or rejected; less what was repaid), by id.",
            params: [filterDoc],
            returns: [.init("{claim: huzhu.Claim, paid: integer, owed: integer, since: string}[]", "fen; since: when the owed amount was recorded")])) { call in
            let filter = try filter(call)
            let db = try state.db()
            return try call.push(.array(try state.services.claims.owed(db, filter).map { item in
                .table(["claim": Records.claim(try state.services.claims.claim(db, id: item.claim.id!)!),
                        "paid": .integer(item.money.paid.fen), "owed": .integer(item.money.outstanding.fen),
                        "since": .string(item.since.description)])
            }))
        }
        m.function("get", doc: LuaDoc("The claim with an id and all recorded about it, or nil (also outside the run's scope).",
                                      params: [.init("id", "integer")], returns: [.init("huzhu.Claim?")])) { call in
            guard let detail = try state.services.claims.claim(try state.db(), id: try call.integer(1)) else { return call.pushNil() }
            return try call.push(Records.claim(detail))
        }
        m.function("each", doc: LuaDoc("Iterates claims in id order, in constant memory: `for c in huzhu.claims.each{status = \"underReview\", unit = \"BH\"} do … end`.",
                                       params: [filterDoc], returns: [.init("fun(): huzhu.Claim?")])) { call in
            let filter = try filter(call)
            return try pushPagedIterator(call, name: "claims", fetch: { after in
                let db = try state.db()
                return try state.services.claims.page(db, filter, after: after, limit: 128).map {
                    try state.services.claims.claim(db, id: $0.id!)!
                }
            }, key: { $0.claim.id }, convert: Records.claim)
        }
        m.function("count", doc: LuaDoc("The number of claims matching a filter (as for `each`).",
                                        params: [filterDoc], returns: [.init("integer")])) { call in
            call.push(Int64(try state.services.claims.count(try state.db(), try filter(call))))
        }
        m.function("overdue", doc: LuaDoc(
            "Claims waiting at one step (reported, under review, approved and unpaid) more than `days` days (default 30) by today, longest first.",
            params: [.init("options", "{days?: integer}?")],
            returns: [.init("{claim: huzhu.Claim, since: string, days: integer}[]")])) { call in
            let o = try Options(call, 1, allowed: ["days"])
            let db = try state.db()
            let overdue = try state.services.claims.overdue(db, days: Int(try o.integer("days", in: 0...36_500) ?? 30), asOf: state.context.today)
            return try call.push(.array(try overdue.map { item in
                .table(["claim": Records.claim(try state.services.claims.claim(db, id: item.claim.id!)!),
                        "since": .string(item.since.description), "days": .integer(Int64(item.days))])
            }))
        }
        return m
    }
}
