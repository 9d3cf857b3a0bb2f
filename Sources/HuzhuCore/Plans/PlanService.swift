import GRDB

/// Creates and reads plans and their terms.
///
/// Plans are federation-wide configuration: a scope does not hide them,
/// and a scoped caller may not create plans or terms (E251).
///
/// ```swift
/// let plans = PlanService()
/// try database.write { db in
///     let plan = Plan(code: "ACC", name: "意外伤害", kind: .accident, pricePerShare: Money(fen: 2600), maxShares: 4)
///     try plans.create(db, plan, context: context)
///     try plans.addTerm(db, planCode: "ACC", label: "2012", start: try CivilDate(parsing: "2012-07-01"), years: 1,
///                       rules: plan.rules, context: context)
/// }
/// ```
public struct PlanService: Sendable {
    /// The caller's scope: any scope but everything refuses writes.
    public let scope: Scope

    /// Creates a service.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    // MARK: - Writes

    /// Stores a new plan's identity — code, name, kind, exclusive group —
    /// after checking it (E401, E402, E203). Its rules belong to its terms
    /// (``addTerm(_:planCode:label:start:years:rules:context:)``); the
    /// `rules` of `plan` are not stored here.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - plan: The plan.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The stored plan (an empty exclusive group becomes `nil`).
    /// - Throws: ``ValidationError`` with every failure.
    @discardableResult
    public func create(_ db: Database, _ plan: Plan, context: WriteContext) throws -> Plan {
        if let refused = scope.failure(federationOperation: "createPlan", field: "code", subject: .plan(plan.code)) {
            throw ValidationError(refused)
        }
        var plan = plan
        if plan.exclusiveGroup?.isEmpty == true { plan.exclusiveGroup = nil }
        var failures = FailureCollector()
        failures.add(contentsOf: PlanValidation.failures(of: plan))
        if CodeRules.isValidCode(plan.code), try PlanStore.exists(db, code: plan.code) {
            failures.add(.planCodeTaken, field: "code", value: .plain(plan.code), subject: .plan(plan.code), ["code": plan.code])
        }
        try failures.throwIfAny()
        try db.inSavepoint {
            try PlanStore.insert(db, plan)
            try AuditLog.record(db, context: context, action: "insert", operation: "createPlan", table: "plan",
                                rowKey: plan.code, summary: [
                                    "name": .text(plan.name), "kind": .text(plan.kind.rawValue),
                                    "exclusiveGroup": plan.exclusiveGroup.map { .text($0) } ?? .null,
                                ])
            return .commit
        }
        return plan
    }

    /// Adds a term to a plan, ending the day before the same date 1, 2 or 3 years on.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - planCode: The plan.
    ///   - label: A label unique within the plan, e.g. `"2012"`.
    ///   - start: The first covered day, e.g. 2012-07-01.
    ///   - years: 1, 2 or 3.
    ///   - rules: The term's rules; nil: those of the plan's latest earlier term.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The stored term, with its id.
    /// - Throws: ``ValidationError`` (see ``addTerm(_:planCode:label:start:end:rules:context:)``).
    @discardableResult
    public func addTerm(_ db: Database, planCode: String, label: String, start: CivilDate, years: Int,
                        rules: PlanRules? = nil, context: WriteContext) throws -> PlanTerm {
        let end = start.adding(years: max(0, min(years, 100))).adding(days: -1)
        return try addTerm(db, planCode: planCode, label: label, start: start, end: end, rules: rules, context: context)
    }

    /// Adds a term to a plan.
    ///
    /// Checks, collecting every failure: the plan exists (E419); the label
    /// has 1–20 characters (E426) and is free (E423); the term runs 1, 2 or
    /// 3 whole years (E421: the end is the day before the start's
    /// anniversary); it overlaps no other term of the plan (E422); its
    /// rules are valid (E404–E418), or copied from an earlier term (E427
    /// when there is none).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - planCode: The plan.
    ///   - label: A label unique within the plan.
    ///   - start: The first covered day.
    ///   - end: The last covered day.
    ///   - rules: The term's rules; nil: those of the plan's latest term starting before `start`.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The stored term, with its id.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func addTerm(_ db: Database, planCode: String, label: String, start: CivilDate, end: CivilDate,
                        rules: PlanRules? = nil, context: WriteContext) throws -> PlanTerm {
        if let refused = scope.failure(federationOperation: "addPlanTerm", field: "plan", subject: .plan(planCode)) {
            throw ValidationError(refused)
        }
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.plan(planCode)
        let plan = try PlanStore.plan(db, code: planCode)
        if plan == nil {
            failures.add(.planUnknown, field: "plan", value: .plain(planCode), ["code": planCode])
        }
        let existing = try terms(db, planCode: planCode)
        let earlier = existing.last { $0.startDate < start }
        let termRules = rules ?? earlier?.rules
        if let plan, let termRules {
            failures.add(contentsOf: PlanValidation.failures(of: termRules, kind: plan.kind, planCode: planCode))
        } else if plan != nil {
            failures.add(.termRulesMissing, field: "rules", subject: subject, ["plan": planCode])
        }
        let labelLength = CodeRules.nameLength(label, maximum: 20)
        if !labelLength.ok {
            failures.add(.termLabelInvalid, field: "label", value: .plain(label), subject: subject,
                         ["count": String(labelLength.count)])
        } else if try PlanStore.term(db, planCode: planCode, label: label) != nil {
            failures.add(.termLabelTaken, field: "label", value: .plain(label), subject: subject,
                         ["plan": planCode, "term": label])
        }
        if !(1...3).contains(where: { start.adding(years: $0).adding(days: -1) == end }) {
            failures.add(.termLength, field: "end", value: .plain(end.description), subject: subject,
                         ["start": start.description, "end": end.description])
        }
        var term = PlanTerm(planCode: planCode, label: label, startDate: start, endDate: end,
                            rules: termRules ?? PlanRules(pricePerShare: .zero))
        for other in existing where other.overlaps(term) {
            failures.add(.termOverlap, field: "start", value: .plain(start.description), subject: subject,
                         ["other": other.label, "otherStart": other.startDate.description,
                          "otherEnd": other.endDate.description])
        }
        try failures.throwIfAny()
        try db.inSavepoint {
            try PlanStore.insert(db, &term)
            try AuditLog.record(db, context: context, action: "insert", operation: "addPlanTerm", table: "planTerm",
                                rowKey: String(term.id!), summary: [
                                    "plan": .text(planCode), "label": .text(label),
                                    "start": .text(start.description), "end": .text(end.description),
                                    "price": .integer(term.rules.pricePerShare.fen),
                                    "maxShares": .integer(Int64(term.rules.maxShares)),
                                ])
            return .commit
        }
        return term
    }

    // MARK: - Reads

    /// The plan with a code, with the rules of its latest term, or `nil`.
    public func plan(_ db: Database, code: String) throws -> Plan? {
        try PlanStore.plan(db, code: code)
    }

    /// The plan of a term, with that term's rules, or `nil`.
    public func plan(_ db: Database, termID: Int64) throws -> Plan? {
        try PlanStore.plan(db, termID: termID)
    }

    /// All plans, by code.
    public func plans(_ db: Database) throws -> [Plan] {
        try PlanStore.plans(db)
    }

    /// A plan's terms, earliest first.
    public func terms(_ db: Database, planCode: String) throws -> [PlanTerm] {
        try PlanStore.terms(db, planCode: planCode)
    }

    /// The term of a plan with a label, or `nil`.
    public func term(_ db: Database, planCode: String, label: String) throws -> PlanTerm? {
        try PlanStore.term(db, planCode: planCode, label: label)
    }

    /// The term with a row id, or `nil`.
    public func term(_ db: Database, id: Int64) throws -> PlanTerm? {
        try PlanStore.term(db, id: id)
    }

    /// The term open for enrollment on a day: the one covering it, else
    /// the next one to start (enrollment usually happens before 07-01).
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - planCode: The plan.
    ///   - date: The enrollment day.
    /// - Returns: The term, or `nil` if every term ended before `date`.
    public func openTerm(_ db: Database, planCode: String, on date: CivilDate) throws -> PlanTerm? {
        try PlanStore.firstTerm(db, planCode: planCode, endingOnOrAfter: date)
    }
}
