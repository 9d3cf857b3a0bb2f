/// Reads a plan's and a term's fields from plans.toml or a Lua table, with
/// the names, units and texts documented in docs/plans.md: money in yuan,
/// the ratio in percent, windows in days. Every problem is collected with
/// its place (`plans.toml: plan INP, term 2026: price: …`); the values'
/// own rules (price more than 0, ages in order …) are the service's
/// (``PlanValidation``), checked when the term is added.
public struct PlanFieldDecoder {
    /// The problems found so far, each with its place.
    public private(set) var problems: [String] = []

    public init() {}

    /// The keys a plan may have.
    public static let planKeys: Set<String> = ["code", "name", "kind", "exclusive_group", "term"]
    /// The keys a term may have besides its rules' fields.
    public static let termKeys: Set<String> = ["label", "start", "years", "end", "like"]
    /// Every rule field's key.
    public static let ruleKeys = Set(PlanRulesFields.all.map(\.name))

    /// The kinds by their names in plans.toml and Lua.
    public static let kinds: [String: PlanKind] = [
        "inpatient": .inpatient, "critical_illness": .criticalIllness, "accident": .accident,
        "female_disease": .femaleDisease, "other": .other,
        "住院医疗": .inpatient, "重大疾病": .criticalIllness, "意外伤害": .accident, "女职工特殊疾病": .femaleDisease,
    ]

    /// The name of a kind in plans.toml.
    public static func name(of kind: PlanKind) -> String {
        switch kind {
        case .inpatient: return "inpatient"
        case .criticalIllness: return "critical_illness"
        case .accident: return "accident"
        case .femaleDisease: return "female_disease"
        case .other: return "other"
        }
    }

    // MARK: - Plan

    /// A plan's identity from its fields; nil if one is missing or wrong.
    public mutating func plan(_ fields: [String: PlanFieldValue], place: String) -> Plan? {
        unknownKeys(fields, allowed: Self.planKeys, place: place)
        let code = text(fields["code"], "code", place, required: true)
        let name = text(fields["name"], "name", place, required: true)
        let kindName = text(fields["kind"], "kind", place, required: true)
        let kind = kindName.flatMap { name -> PlanKind? in
            if let kind = Self.kinds[name] { return kind }
            problems.append("\(place): kind: expected one of accident, inpatient, critical_illness, female_disease, other, got \"\(name)\"")
            return nil
        }
        let group = text(fields["exclusive_group"], "exclusive_group", place, required: false)
        guard let code, let name, let kind else { return nil }
        return Plan(code: code, name: name, kind: kind, exclusiveGroup: group?.isEmpty == true ? nil : group,
                    rules: PlanRules(pricePerShare: .zero))
    }

    // MARK: - Term

    /// A term from its fields: its dates, and its rules — those of `like`
    /// (an earlier term, found by `earlier`) changed by the fields given, or
    /// only the fields given (then `price` is required).
    public mutating func term(_ fields: [String: PlanFieldValue], place: String,
                              earlier: (String) -> PlanRules?) -> TermDefinition? {
        unknownKeys(fields, allowed: Self.termKeys.union(Self.ruleKeys), place: place)
        let label = text(fields["label"], "label", place, required: true)
        let start = date(fields["start"], "start", place, required: true)
        var end: CivilDate?
        if let value = fields["end"] {
            end = date(value, "end", place, required: true)
            if fields["years"] != nil { problems.append("\(place): give years or end, not both") }
        } else if let years = integer(fields["years"], "years", place), let start {
            if (1...3).contains(years) { end = start.adding(years: Int(years)).adding(days: -1) }
            else { problems.append("\(place): years: expected 1, 2 or 3, got \(years)") }
        } else if fields["years"] == nil {
            problems.append("\(place): years: missing (1, 2 or 3; or give end)")
        }
        var base: PlanRules?
        if let like = text(fields["like"], "like", place, required: false) {
            base = earlier(like)
            if base == nil { problems.append("\(place): like: no earlier term \"\(like)\" of this plan") }
        } else if fields["price"] == nil {
            problems.append("\(place): price: missing (the first term of a plan gives its rules; later ones may say like = \"LABEL\")")
        }
        let before = problems.count
        let rules = self.rules(fields, base: base ?? PlanRules(pricePerShare: .zero), place: place)
        guard let label, let start, let end, problems.count == before else { return nil }
        return TermDefinition(label: label, start: start, end: end, rules: rules)
    }

    /// `base` with the rule fields given changed.
    mutating func rules(_ fields: [String: PlanFieldValue], base: PlanRules, place: String) -> PlanRules {
        var r = base
        if let v = fields["price"], let m = money(v, "price", place) { r.pricePerShare = m }
        if let n = integer(fields["max_shares"], "max_shares", place) { r.maxShares = Int(n) }
        if let v = fields["min_age"] { r.minAge = optionalInteger(v, "min_age", place) }
        if let v = fields["max_age"] { r.maxAge = optionalInteger(v, "max_age", place) }
        if let v = fields["gender"] {
            switch v {
            case .text("female"), .text("女"): r.gender = .female
            case .text("male"), .text("男"): r.gender = .male
            case .text(""), .text("any"): r.gender = nil
            default: problems.append("\(place): gender: expected \"female\", \"male\" or \"any\", got \(v.shown)")
            }
        }
        if let n = integer(fields["waiting_days"], "waiting_days", place) { r.waitingPeriodDays = Int(n) }
        if let v = fields["deductible"], let m = money(v, "deductible", place) { r.deductible = m }
        if let v = fields["ratio"], let bp = percent(v, "ratio", place) { r.paymentRatio = bp }
        if let v = fields["benefit_base"] {
            switch v {
            case .text("self_paid"): r.benefitBase = .selfPaid
            case .text("total"): r.benefitBase = .total
            default: problems.append("\(place): benefit_base: expected \"self_paid\" or \"total\", got \(v.shown)")
            }
        }
        if let v = fields["per_claim_cap"] { r.perClaimCap = optionalMoney(v, "per_claim_cap", place) }
        if let v = fields["per_term_cap"] { r.perTermCap = optionalMoney(v, "per_term_cap", place) }
        if let v = fields["benefits"] { r.benefits = benefits(v, place) }
        if let n = integer(fields["report_days"], "report_days", place) { r.reportWindowDays = Int(n) }
        if let n = integer(fields["lapse_days"], "lapse_days", place) { r.lapseWindowDays = Int(n) }
        if let v = fields["group_min_percent"] { r.groupMinimumPercent = optionalInteger(v, "group_min_percent", place) }
        if let v = fields["group_everyone_below"] {
            r.groupSmallUnitThreshold = optionalInteger(v, "group_everyone_below", place)
        }
        if let v = fields["refund"] {
            if case .text(let t) = v, let rule = RefundRule(rawValue: t) { r.refund = rule }
            else { problems.append("\(place): refund: expected \"before_start\", \"none\" or \"pro_rata\", got \(v.shown)") }
        }
        if let v = fields["leaving"] {
            if case .text(let t) = v, let rule = LeavingRule(rawValue: t) { r.leaving = rule }
            else { problems.append("\(place): leaving: expected \"keep\" or \"end_with_refund\", got \(v.shown)") }
        }
        return r
    }

    // MARK: - Values

    private mutating func unknownKeys(_ fields: [String: PlanFieldValue], allowed: Set<String>, place: String) {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            problems.append("\(place): unknown field \(key)")
        }
    }

    private mutating func text(_ value: PlanFieldValue?, _ key: String, _ place: String, required: Bool) -> String? {
        switch value {
        case .text(let t)?: return t
        case nil: if required { problems.append("\(place): \(key): missing") }; return nil
        case let other?: problems.append("\(place): \(key): expected text, got \(other.shown)"); return nil
        }
    }

    private mutating func date(_ value: PlanFieldValue?, _ key: String, _ place: String, required: Bool) -> CivilDate? {
        switch value {
        case .date(let d)?: return d
        case .text(let t)?:
            if let d = CivilDate(t) { return d }
            problems.append("\(place): \(key): expected a date YYYY-MM-DD, got \"\(t)\""); return nil
        case nil: if required { problems.append("\(place): \(key): missing") }; return nil
        case let other?: problems.append("\(place): \(key): expected a date YYYY-MM-DD, got \(other.shown)"); return nil
        }
    }

    /// Whole numbers up to a million (days, ages, shares, percent).
    private mutating func integer(_ value: PlanFieldValue?, _ key: String, _ place: String) -> Int64? {
        switch value {
        case nil: return nil
        case .integer(let n)? where abs(n) <= 1_000_000: return n
        case let other?: problems.append("\(place): \(key): expected a whole number, got \(other.shown)"); return nil
        }
    }

    /// A whole number, or unset by `false` / `""` (Lua: `false`; TOML has no null).
    private mutating func optionalInteger(_ value: PlanFieldValue, _ key: String, _ place: String) -> Int? {
        if value == .boolean(false) || value == .text("") { return nil }
        return integer(value, key, place).map(Int.init)
    }

    /// The largest amount of any money field: 100,000,000.00 yuan.
    static let moneyBound = Money.inputBound

    private mutating func money(_ value: PlanFieldValue, _ key: String, _ place: String) -> Money? {
        let text: String
        switch value {
        case .integer(let n): text = String(n)
        case .decimal(let t), .text(let t): text = t
        default: problems.append("\(place): \(key): expected an amount in yuan such as 36 or 36.50, got \(value.shown)"); return nil
        }
        guard let amount = Money.parse(yuan: text), amount.fen.magnitude <= Self.moneyBound.fen.magnitude else {
            problems.append("\(place): \(key): expected an amount in yuan such as 36 or 36.50 (at most 2 decimals, "
                            + "at most 100000000), got \(value.shown)")
            return nil
        }
        return amount
    }

    private mutating func optionalMoney(_ value: PlanFieldValue, _ key: String, _ place: String) -> Money? {
        if value == .boolean(false) || value == .text("") { return nil }
        return money(value, key, place)
    }

    /// A percentage with at most 2 decimals, as basis points.
    private mutating func percent(_ value: PlanFieldValue, _ key: String, _ place: String) -> Int? {
        let text: String
        switch value {
        case .integer(let n): text = String(n)
        case .decimal(let t): text = t
        default: text = ""
        }
        guard let hundredths = Money.parse(yuan: text), (0...1_000_000).contains(hundredths.fen) else {
            problems.append("\(place): \(key): expected a percentage such as 70 or 12.5, got \(value.shown)")
            return nil
        }
        return Int(hundredths.fen)
    }

    private mutating func benefits(_ value: PlanFieldValue, _ place: String) -> [BenefitItem] {
        guard case .list(let items) = value else {
            problems.append("\(place): benefits: expected a list of { code, name, amount }, got \(value.shown)")
            return []
        }
        var result: [BenefitItem] = []
        for (index, item) in items.enumerated() {
            let here = "\(place): benefits[\(index + 1)]"
            guard case .table(let fields) = item else { problems.append("\(here): expected { code, name, amount }"); continue }
            unknownKeys(fields, allowed: ["code", "name", "amount"], place: here)
            let code = text(fields["code"], "code", here, required: true)
            let name = text(fields["name"], "name", here, required: true)
            var amount: Money?
            if let v = fields["amount"] { amount = money(v, "amount", here) } else { problems.append("\(here): amount: missing") }
            if let code, let name, let amount { result.append(BenefitItem(code: code, name: name, amount: amount)) }
        }
        return result
    }
}
