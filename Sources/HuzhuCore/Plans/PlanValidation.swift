/// The rules a plan's own fields and a term's rules must follow, independent of the database.
enum PlanValidation {
    /// Every failure of a plan's identity (not the code's uniqueness).
    static func failures(of plan: Plan) -> [ValidationFailure] {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.plan(plan.code)
        if !CodeRules.isValidCode(plan.code) {
            failures.add(.planCodeInvalid, field: "code", value: .plain(plan.code), subject: subject, ["code": plan.code])
        }
        let name = CodeRules.nameLength(plan.name, maximum: 100)
        if !name.ok {
            failures.add(.nameInvalid, field: "name", value: .plain(plan.name), subject: subject, ["count": String(name.count)])
        }
        return failures.failures
    }

    /// Every failure of a term's rules, for a plan of a kind.
    static func failures(of plan: PlanRules, kind: PlanKind, planCode: String) -> [ValidationFailure] {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.plan(planCode)
        func add(_ reason: ReasonCode, _ field: String, _ value: String, _ arguments: [String: String]) {
            failures.add(reason, field: field, value: .plain(value), subject: subject, arguments)
        }
        if plan.pricePerShare.fen <= 0 {
            add(.priceInvalid, "pricePerShare", plan.pricePerShare.description, ["amount": plan.pricePerShare.description])
        }
        if plan.maxShares < 1 { add(.maxSharesInvalid, "maxShares", String(plan.maxShares), ["count": String(plan.maxShares)]) }
        let minAge = plan.minAge ?? 0, maxAge = plan.maxAge ?? 150
        if minAge < 0 || maxAge > 150 || minAge > maxAge {
            add(.ageRangeInvalid, "age", plan.ageRangeText,
                ["min": plan.minAge.map(String.init) ?? "", "max": plan.maxAge.map(String.init) ?? ""])
        }
        if plan.waitingPeriodDays < 0 {
            add(.waitingPeriodInvalid, "waitingPeriodDays", String(plan.waitingPeriodDays), ["days": String(plan.waitingPeriodDays)])
        } else if kind == .accident && plan.waitingPeriodDays != 0 {
            add(.accidentWaitingPeriod, "waitingPeriodDays", String(plan.waitingPeriodDays), ["days": String(plan.waitingPeriodDays)])
        }
        if plan.deductible.fen < 0 {
            add(.deductibleInvalid, "deductible", plan.deductible.description, ["amount": plan.deductible.description])
        }
        if !(0...10_000).contains(plan.paymentRatio) {
            add(.paymentRatioInvalid, "paymentRatio", String(plan.paymentRatio), ["ratio": String(plan.paymentRatio)])
        }
        for (field, cap) in [("perClaimCap", plan.perClaimCap), ("perTermCap", plan.perTermCap)] {
            if let cap, cap.fen <= 0 { add(.capInvalid, field, cap.description, ["cap": field, "amount": cap.description]) }
        }
        if let claim = plan.perClaimCap, let term = plan.perTermCap, claim.fen > 0, claim > term {
            add(.capsInconsistent, "perClaimCap", claim.description, ["claim": claim.description, "term": term.description])
        }
        var seen = Set<String>()
        for item in plan.benefits {
            if !CodeRules.isValidCode(item.code) || item.name.allSatisfy(\.isWhitespace) || item.amount.fen <= 0 {
                add(.benefitItemInvalid, "benefits", item.code, ["item": item.code])
            } else if !seen.insert(item.code).inserted {
                add(.benefitItemDuplicate, "benefits", item.code, ["item": item.code])
            }
        }
        for (field, days) in [("reportWindowDays", plan.reportWindowDays), ("lapseWindowDays", plan.lapseWindowDays)] where days < 1 {
            add(.windowInvalid, field, String(days), ["window": field, "days": String(days)])
        }
        if plan.reportWindowDays >= 1, plan.lapseWindowDays >= 1, plan.lapseWindowDays < plan.reportWindowDays {
            add(.lapseBeforeReport, "lapseWindowDays", String(plan.lapseWindowDays),
                ["lapse": String(plan.lapseWindowDays), "report": String(plan.reportWindowDays)])
        }
        if let percent = plan.groupMinimumPercent, !(1...100).contains(percent) {
            add(.groupMinimumInvalid, "groupMinimumPercent", String(percent), ["percent": String(percent)])
        }
        if let threshold = plan.groupSmallUnitThreshold, threshold < 0 {
            add(.groupThresholdInvalid, "groupSmallUnitThreshold", String(threshold), ["count": String(threshold)])
        }
        return failures.failures
    }
}
