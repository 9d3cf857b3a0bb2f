import HuzhuCore
import LuaHost

/// Domain records as the plain Lua tables scripts read (documented in docs/lua-api.md).
enum Records {
    static func optional(_ value: String?) -> LuaValue { value.map(LuaValue.string) ?? .nil }
    static func optional(_ value: Int?) -> LuaValue { value.map { .integer(Int64($0)) } ?? .nil }
    static func optional(_ value: Money?) -> LuaValue { value.map { .integer($0.fen) } ?? .nil }

    static func unit(_ u: Unit) -> LuaValue {
        .table([
            "code": .string(u.code), "name": .string(u.name), "kind": .string(u.kind.rawValue),
            "parent": optional(u.parentCode), "office": optional(u.officeCode), "path": .string(u.path),
            "closed_on": optional(u.closedOn?.description),
        ])
    }

    static func member(_ m: Member) -> LuaValue {
        .table([
            "id": m.id.map(LuaValue.integer) ?? .nil,
            "resident_id": .string(m.residentID.value), "name": .string(m.name),
            "gender": .string(m.gender == .male ? "male" : "female"),
            "birth_date": .string(m.birthDate.description), "unit": .string(m.unitCode),
            "phone": optional(m.phone?.value), "hardship": .boolean(m.hardship),
            "status": .string(m.status.rawValue), "joined_on": .string(m.joinedOn.description),
            "retired_on": optional(m.retiredOn?.description), "left_on": optional(m.leftOn?.description),
        ])
    }

    static func split(_ s: ContributionSplit) -> LuaValue {
        .table(["administration": .integer(s.administration.fen), "union": .integer(s.union.fen), "member": .integer(s.member.fen)])
    }

    static func policy(_ p: Policy, residentID: String, term: String) -> LuaValue {
        .table([
            "id": p.id.map(LuaValue.integer) ?? .nil, "member": .string(residentID),
            "plan": .string(p.planCode), "term": .string(term), "year": .integer(Int64(p.year)),
            "unit": .string(p.unitCode), "shares": .integer(Int64(p.shares)),
            "start": .string(p.startDate.description), "end": .string(p.endDate.description),
            "contribution": .integer(p.contribution.fen), "split": split(p.split),
            "status": .string(p.status.rawValue), "batch": p.batchID.map(LuaValue.integer) ?? .nil,
            "enrolled_on": .string(p.enrolledOn.description),
            "cancelled_on": optional(p.cancelledOn?.description), "cancel_reason": optional(p.cancelReason),
            "refund": split(p.refund),
        ])
    }

    static func cancellation(_ c: Cancellation) -> LuaValue {
        .table([
            "policy": .integer(c.policy.id ?? 0), "cancelled_on": optional(c.policy.cancelledOn?.description),
            "reason": optional(c.policy.cancelReason), "refund_rule": .string(c.refundRule.rawValue),
            "refund": .integer(c.refund.total.fen), "parts": split(c.refund), "entry": c.entryID.map(LuaValue.integer) ?? .nil,
        ])
    }

    static func memberEvent(_ e: MemberEvent) -> LuaValue {
        .table([
            "kind": .string(e.kind.rawValue), "date": .string(e.effectiveOn.description),
            "from_unit": optional(e.fromUnitCode), "to_unit": optional(e.toUnitCode),
            "changed": .array(e.changed.map(LuaValue.string)), "recorded_on": optional(e.recordedOn?.description),
            "operator": optional(e.provenance?.operatorName), "script": optional(e.provenance?.scriptName),
        ])
    }

    static func policy(_ d: PolicyDetail) -> LuaValue {
        policy(d.policy, residentID: d.residentID.value, term: d.termLabel)
    }

    static func plan(_ p: Plan, terms: [PlanTerm]) -> LuaValue {
        .table([
            "code": .string(p.code), "name": .string(p.name), "kind": .string(p.kind.rawValue),
            "price": .integer(p.pricePerShare.fen), "max_shares": .integer(Int64(p.maxShares)),
            "min_age": optional(p.minAge), "max_age": optional(p.maxAge),
            "gender": optional(p.gender.map { $0 == .male ? "male" : "female" }),
            "waiting_days": .integer(Int64(p.waitingPeriodDays)), "deductible": .integer(p.deductible.fen),
            "ratio": .integer(Int64(p.paymentRatio)), "per_claim_cap": optional(p.perClaimCap),
            "per_term_cap": optional(p.perTermCap),
            "benefits": .array(p.benefits.map { .table(["code": .string($0.code), "name": .string($0.name), "amount": .integer($0.amount.fen)]) }),
            "report_days": .integer(Int64(p.reportWindowDays)), "lapse_days": .integer(Int64(p.lapseWindowDays)),
            "exclusive_group": optional(p.exclusiveGroup), "group_minimum_percent": optional(p.groupMinimumPercent),
            "small_unit_threshold": optional(p.groupSmallUnitThreshold),
            "terms": .array(terms.map { term in
                .table(["label": .string(term.label), "start": .string(term.startDate.description),
                        "end": .string(term.endDate.description)].merging(termRules(term.rules)) { a, _ in a })
            }),
        ])
    }

    /// A term's rules by the names of `huzhu.plans.add_term` (money in fen, the ratio in basis points).
    static func termRules(_ r: PlanRules) -> [String: LuaValue] {
        [
            "price": .integer(r.pricePerShare.fen), "max_shares": .integer(Int64(r.maxShares)),
            "min_age": optional(r.minAge), "max_age": optional(r.maxAge), "gender": optional(r.gender?.rawValue),
            "waiting_days": .integer(Int64(r.waitingPeriodDays)), "deductible": .integer(r.deductible.fen),
            "ratio": .integer(Int64(r.paymentRatio)), "benefit_base": .string(r.benefitBase == .selfPaid ? "self_paid" : "total"),
            "per_claim_cap": optional(r.perClaimCap), "per_term_cap": optional(r.perTermCap),
            "benefits": .array(r.benefits.map { .table(["code": .string($0.code), "name": .string($0.name), "amount": .integer($0.amount.fen)]) }),
            "report_days": .integer(Int64(r.reportWindowDays)), "lapse_days": .integer(Int64(r.lapseWindowDays)),
            "group_min_percent": optional(r.groupMinimumPercent), "group_everyone_below": optional(r.groupSmallUnitThreshold),
            "refund": .string(r.refund.rawValue), "leaving": .string(r.leaving.rawValue),
        ]
    }

    static func claim(_ d: ClaimDetail) -> LuaValue {
        let c = d.claim
        let review = d.reviews.last
        return .table([
            "id": c.id.map(LuaValue.integer) ?? .nil, "policy": .integer(c.policyID), "member": .string(d.residentID.value),
            "plan": .string(c.planCode), "term": .string(d.termLabel), "unit": .string(c.unitCode), "kind": .string(c.kind.rawValue),
            "incident": .string(c.incidentDate.description), "admission": optional(c.admissionDate?.description),
            "discharge": optional(c.dischargeDate?.description), "settlement": optional(c.settlementDate?.description),
            "diagnosis": optional(c.diagnosis), "benefit_item": optional(c.benefitItemCode),
            "total": .integer(c.totalExpense.fen), "insurance_paid": .integer(c.insurancePaid.fen), "self_paid": .integer(c.selfPaid.fen),
            "reported_on": .string(c.reportedOn.description), "report_deadline": .string(c.reportDeadline.description),
            "late_report": .boolean(c.lateReport), "lapse_date": .string(c.lapseDate.description),
            "status": .string(c.status.rawValue), "status_since": .string(c.statusSince.description),
            "approved_amount": optional(c.approvedAmount), "rejection": optional(c.rejectionReason?.name),
            "rejection_code": optional(c.rejectionReason?.rawValue),
            "computed": optional(review?.computedAmount), "round": .integer(Int64(d.reviews.count)),
            "documents": .array(d.documents.map {
                .table(["document": .string($0.document.rawValue), "required": .boolean($0.required), "provided": .boolean($0.provided)])
            }),
            "missing": .array(d.missingDocuments.map { .string($0.rawValue) }),
            "payment": d.payment.map { p in
                .table(["amount": .integer(p.amount.fen), "method": .string(p.method.rawValue), "reference": .string(p.reference),
                        "date": .string(p.paidOn.description), "entry": p.ledgerEntryID.map(LuaValue.integer) ?? .nil])
            } ?? .nil,
            "adjustments": .array(d.adjustments.map { a in
                .table(["kind": .string(a.kind.rawValue), "amount": .integer(a.amount.fen), "round": .integer(Int64(a.round)),
                        "date": .string(a.on.description), "method": optional(a.method?.rawValue), "reference": optional(a.reference),
                        "entry": a.ledgerEntryID.map(LuaValue.integer) ?? .nil, "note": optional(a.note)])
            }),
            "paid": .integer(d.money.paid.fen), "owed": .integer(d.money.owed.fen),
        ])
    }

    static func ledgerEntry(_ d: LedgerEntryDetail) -> LuaValue {
        let e = d.entry
        return .table([
            "id": e.id.map(LuaValue.integer) ?? .nil, "date": .string(e.entryDate.description), "kind": .string(e.kind.rawValue),
            "memo": .string(e.memo), "policy": e.policyID.map(LuaValue.integer) ?? .nil,
            "claim": e.claimID.map(LuaValue.integer) ?? .nil, "reverses": e.reversesEntryID.map(LuaValue.integer) ?? .nil,
            "unit": .string(e.unitCode), "operator": .string(e.operatorName),
            "bill": e.billID.map(LuaValue.integer) ?? .nil, "receipt": e.receiptID.map(LuaValue.integer) ?? .nil,
            "lines": .array(d.lines.map {
                .table(["account": .string($0.account.rawValue), "debit": .integer($0.debit.fen), "credit": .integer($0.credit.fen)])
            }),
        ])
    }
}
