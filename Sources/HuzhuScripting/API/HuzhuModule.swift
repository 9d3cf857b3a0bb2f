import HuzhuCore
import LuaHost

/// The global `huzhu` module scripts use: grouped by domain, plus money helpers.
enum HuzhuModule {
    static func make(_ state: RunState) -> LuaModule {
        var m = LuaModule("huzhu", summary: "Huzhu's data and helpers. Money is always integer fen.")
        m.module(OfficeFunctions.module(state))
        m.module(UnitFunctions.module(state))
        m.module(MemberFunctions.module(state))
        m.module(PlanFunctions.module(state))
        m.module(PolicyFunctions.module(state))
        PolicyFunctions.addEnrollment(to: &m, state)
        PolicyFunctions.addRenewal(to: &m, state)
        m.module(ClaimFunctions.module(state))
        m.module(LedgerFunctions.module(state))
        m.module(PayoutFunctions.module(state))
        m.module(TargetFunctions.module(state))
        IndicatorFunctions.add(to: &m, state)
        m.module(AppraisalFunctions.module(state))
        m.module(ReportFunctions.module(state))
        MoneyFunctions.add(to: &m)
        SQLFunction.add(to: &m, state)
        m.function("today", doc: LuaDoc("The business date of the run, \"YYYY-MM-DD\" (huzhu.toml may fix it).",
                                        returns: [.init("string")])) { call in
            call.push(state.context.today.description)
        }
        m.function("operator", doc: LuaDoc("Who is running the script (recorded in the audit trail).",
                                           returns: [.init("string")])) { call in
            call.push(state.context.operatorName)
        }
        m.function("explain", doc: LuaDoc("Notes why a rule decided as it did; the notes are stored with the decision.",
                                          params: [.init("note", "string")])) { call in
            state.notes.append(try call.string(1))
            return 0
        }
        return m
    }

    /// The record types, for the editor definitions.
    static let classes: [LuaClassDoc] = [
        LuaClassDoc("huzhu.Unit", fields: [
            .init("code", "string"), .init("name", "string"),
            .init("kind", "string", "federation, district, county, industry, enterprise or grassroots"),
            .init("parent", "string?", "the parent's code (nil for the federation)"), .init("office", "string?", "the serving office's code"),
            .init("path", "string", "materialized path, e.g. /FED/BH/BH001/"),
            .init("closed_on", "string?", "YYYY-MM-DD: no new enrolments after it"),
        ]),
        LuaClassDoc("huzhu.Member", fields: [
            .init("id", "integer"), .init("resident_id", "string", "18 characters"), .init("name", "string"),
            .init("gender", "string", "\"male\" or \"female\", from the resident ID"), .init("birth_date", "string", "YYYY-MM-DD, from the resident ID"),
            .init("unit", "string", "unit code"), .init("phone", "string?"), .init("hardship", "boolean", "困难职工"),
            .init("status", "string", "active, retired, left or deceased"), .init("joined_on", "string"),
            .init("retired_on", "string?"), .init("left_on", "string?", "the day the member left or died"),
        ]),
        LuaClassDoc("huzhu.MemberEvent", fields: [
            .init("kind", "string", "registered, updated, transferred, retired, left, deceased or reactivated"),
            .init("date", "string", "YYYY-MM-DD, when it took effect"), .init("from_unit", "string?", "a transfer's old unit"),
            .init("to_unit", "string?", "a transfer's new unit (the unit joined, for the registration)"),
            .init("changed", "string[]", "an update's fields: name, phone, hardship"),
            .init("recorded_on", "string?", "the business day it was recorded (nil for the registration)"),
            .init("operator", "string?"), .init("script", "string?"),
        ]),
        LuaClassDoc("huzhu.Cancellation", fields: [
            .init("policy", "integer"), .init("cancelled_on", "string", "the last covered day"), .init("reason", "string"),
            .init("refund_rule", "string", "before_start, none or pro_rata"), .init("refund", "integer", "fen"),
            .init("parts", "huzhu.Split", "the refund shared back in proportion to what each paid"),
            .init("entry", "integer?", "the ledger's refund entry"),
        ]),
        LuaClassDoc("huzhu.Split", fields: [
            .init("administration", "integer", "fen"), .init("union", "integer", "fen"), .init("member", "integer", "fen"),
        ]),
        LuaClassDoc("huzhu.Policy", fields: [
            .init("id", "integer"), .init("member", "string", "resident ID"), .init("plan", "string", "plan code"),
            .init("term", "string", "term label"), .init("year", "integer", "term start year"), .init("unit", "string", "enrolling unit"),
            .init("shares", "integer"), .init("start", "string"), .init("end", "string"),
            .init("contribution", "integer", "fen: price × shares"), .init("split", "huzhu.Split"),
            .init("status", "string", "active, cancelled or expired"), .init("batch", "integer?", "group enrollment batch"),
            .init("enrolled_on", "string"), .init("cancelled_on", "string?", "a cancelled policy's last covered day"),
            .init("cancel_reason", "string?"), .init("refund", "huzhu.Split", "what was refunded to each payer"),
        ]),
        LuaClassDoc("huzhu.Renewal", fields: [
            .init("plan", "string"), .init("term", "string", "the term renewed into"),
            .init("from", "string", "the term renewed from"), .init("renewed", "integer", "policies created"),
            .init("skipped", "integer", "members left out"),
            .init("units", "huzhu.UnitRenewal[]", "each unit with a member holding the previous term, in path order"),
        ]),
        LuaClassDoc("huzhu.UnitRenewal", fields: [
            .init("unit", "string", "the members' unit now"), .init("batch", "integer?", "the group enrolment; nil if none"),
            .init("renewed", "integer"),
            .init("skipped", "string[]", "each reason a member was left out (E501 not active, E503 already renewed …), resident IDs masked"),
            .init("refused", "string[]", "why the unit renewed no one (group rule E511–E513, closed E217); empty if it was not refused"),
        ]),
        LuaClassDoc("huzhu.Plan", fields: [
            .init("code", "string"), .init("name", "string"), .init("kind", "string"),
            .init("price", "integer", "fen per share, and the fields below up to small_unit_threshold: the rules of the latest term"),
            .init("max_shares", "integer"), .init("min_age", "integer?"), .init("max_age", "integer?"), .init("gender", "string?"),
            .init("waiting_days", "integer"), .init("deductible", "integer", "fen"), .init("ratio", "integer", "payment ratio in basis points"),
            .init("per_claim_cap", "integer?"), .init("per_term_cap", "integer?"),
            .init("benefits", "{code: string, name: string, amount: integer}[]", "fixed benefit schedule"),
            .init("report_days", "integer"), .init("lapse_days", "integer"), .init("exclusive_group", "string?"),
            .init("group_minimum_percent", "integer?"), .init("small_unit_threshold", "integer?"),
            .init("terms", "huzhu.PlanTerm[]", "earliest first"),
        ]),
        LuaClassDoc("huzhu.PlanTerm", fields: [
            .init("label", "string"), .init("start", "string"), .init("end", "string"),
            .init("price", "integer", "fen per share"), .init("max_shares", "integer"), .init("min_age", "integer?"),
            .init("max_age", "integer?"), .init("gender", "string?"), .init("waiting_days", "integer"),
            .init("deductible", "integer", "fen"), .init("ratio", "integer", "basis points"),
            .init("benefit_base", "string", "self_paid or total"), .init("per_claim_cap", "integer?", "fen"),
            .init("per_term_cap", "integer?", "fen"), .init("benefits", "{code: string, name: string, amount: integer}[]"),
            .init("report_days", "integer"), .init("lapse_days", "integer"), .init("group_min_percent", "integer?"),
            .init("group_everyone_below", "integer?"), .init("refund", "string", "before_start, none or pro_rata"),
            .init("leaving", "string", "keep or end_with_refund"),
        ]),
        LuaClassDoc("huzhu.Claim", fields: [
            .init("id", "integer"), .init("policy", "integer"), .init("member", "string", "resident ID"), .init("plan", "string"),
            .init("term", "string"), .init("unit", "string", "the policy's enrolling unit"),
            .init("kind", "string", "illness, accident, death, disability, femaleDisease or criticalIllness"),
            .init("incident", "string"), .init("admission", "string?"), .init("discharge", "string?"), .init("settlement", "string?"),
            .init("diagnosis", "string?"), .init("benefit_item", "string?", "fixed-sum plans"),
            .init("total", "integer", "fen"), .init("insurance_paid", "integer", "fen"), .init("self_paid", "integer", "fen"),
            .init("reported_on", "string"), .init("report_deadline", "string"), .init("late_report", "boolean"),
            .init("lapse_date", "string"), .init("status", "string", "reported, underReview, approved, rejected or paid"),
            .init("status_since", "string", "date of the last transition"), .init("approved_amount", "integer?", "fen"),
            .init("rejection", "string?", "reason name, e.g. waitingPeriod"), .init("rejection_code", "integer?", "e.g. 652"),
            .init("computed", "integer?", "the benefit the core computed at the last approval, fen"),
            .init("round", "integer", "review rounds so far"),
            .init("documents", "{document: string, required: boolean, provided: boolean}[]", "the checklist"),
            .init("missing", "string[]", "required documents not handed in"),
            .init("payment", "{amount: integer, method: string, reference: string, date: string, entry: integer}?", "once paid"),
            .init("adjustments", "{kind: string, amount: integer, round: integer, date: string, method: string?, reference: string?, entry: integer?, note: string?}[]",
                  "after a reopening of a paid claim: furtherPayment, owed (owed back by the member) or owedCancelled; fen"),
            .init("paid", "integer", "paid so far (first and further payments), fen"),
            .init("owed", "integer", "owed back by the member, fen"),
        ]),
        LuaClassDoc("huzhu.LedgerEntry", fields: [
            .init("id", "integer"), .init("date", "string"), .init("kind", "string", "contribution, refund, payout, reversal, adjustment, receipt, application, migration, approval, owed or repayment"),
            .init("memo", "string"), .init("policy", "integer?"), .init("claim", "integer?"), .init("reverses", "integer?", "entry reversed"),
            .init("unit", "string"), .init("operator", "string"),
            .init("bill", "integer?", "the bill a contribution is charged on"), .init("receipt", "integer?", "the receipt recorded"),
            .init("lines", "{account: string, debit: integer, credit: integer}[]", "fen; debits equal credits"),
        ]),
        LuaClassDoc("huzhu.LedgerClosing", fields: [
            .init("through", "string", "the last month closed, YYYY-MM"), .init("last_day", "string", "its last day, YYYY-MM-DD"),
            .init("closed_on", "string", "the business date of the closing"), .init("operator", "string"),
        ]),
    ] + OfficeFunctions.classes + IndicatorFunctions.classes + ReportFunctions.classes + ReceiptFunctions.classes
}
