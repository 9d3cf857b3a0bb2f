import GRDB

extension PlanService {
    /// Makes the stored plans and terms what `definitions` say (plans.toml,
    /// or `huzhu.plans.define` / `add_term`): creates missing plans and
    /// terms, renames plans, and changes the rules or dates of a term that
    /// has no policy yet. A term with policies keeps its rules (E428, naming
    /// the term and every field that would change: a change is a new term);
    /// a plan with policies keeps its kind and exclusive group (E429).
    /// Plans and terms the definitions do not name are left alone. All or
    /// nothing; each change audited.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - definitions: The plans and terms to have.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: One line per change, in order (empty: nothing to change).
    /// - Throws: ``ValidationError`` with every failure (E251 in a scoped run).
    @discardableResult
    public func apply(_ db: Database, _ definitions: [PlanDefinition], context: WriteContext) throws -> [String] {
        if let refused = scope.failure(federationOperation: "applyPlans", field: "plan",
                                       subject: .plan(definitions.first?.plan.code ?? "")) {
            throw ValidationError(refused)
        }
        var changes: [String] = []
        var failures = FailureCollector()
        try db.inSavepoint {
            for definition in definitions {
                let plan = definition.plan
                if let stored = try PlanStore.plan(db, code: plan.code) {
                    try update(db, stored, to: plan, changes: &changes, failures: &failures, context: context)
                } else {
                    do {
                        try create(db, plan, context: context)
                        changes.append("created plan \(plan.code) \(plan.name) (\(PlanFieldDecoder.name(of: plan.kind)))")
                    } catch let error as ValidationError {
                        failures.add(contentsOf: error.failures)
                        continue
                    }
                }
                for term in definition.terms {
                    do {
                        if let line = try apply(db, term, planCode: plan.code, context: context) { changes.append(line) }
                    } catch let error as ValidationError {
                        failures.add(contentsOf: error.failures)
                    }
                }
            }
            return failures.failures.isEmpty ? .commit : .rollback
        }
        try failures.throwIfAny()
        return changes
    }

    private func update(_ db: Database, _ stored: Plan, to plan: Plan, changes: inout [String],
                        failures: inout FailureCollector, context: WriteContext) throws {
        var changed: [String] = []
        if stored.name != plan.name { changed.append("name") }
        let locked = [("kind", stored.kind != plan.kind), ("exclusive_group", stored.exclusiveGroup != plan.exclusiveGroup)]
            .filter(\.1).map(\.0)
        if !locked.isEmpty, try PlanStore.policyCount(db, planCode: plan.code) > 0 {
            for field in locked {
                failures.add(.planLocked, field: field, subject: .plan(plan.code), ["plan": plan.code, "field": field])
            }
            return
        }
        changed += locked
        guard !changed.isEmpty else { return }
        let identity = PlanValidation.failures(of: plan)
        if !identity.isEmpty { failures.add(contentsOf: identity); return }
        try PlanStore.update(db, plan)
        try AuditLog.record(db, context: context, action: "update", operation: "updatePlan", table: "plan",
                            rowKey: plan.code, summary: [
                                "name": .text(plan.name), "kind": .text(plan.kind.rawValue),
                                "exclusiveGroup": plan.exclusiveGroup.map { .text($0) } ?? .null,
                                "changed": .text(changed.joined(separator: ",")),
                            ])
        changes.append("changed plan \(plan.code): \(changed.joined(separator: ", "))")
    }

    /// Adds a term, or changes a stored one that has no policies; nil when it is as stored.
    private func apply(_ db: Database, _ term: TermDefinition, planCode: String, context: WriteContext) throws -> String? {
        guard var stored = try PlanStore.term(db, planCode: planCode, label: term.label) else {
            let added = try addTerm(db, planCode: planCode, label: term.label, start: term.start, end: term.end,
                                    rules: term.rules, context: context)
            return "added term \(planCode) \(added.label) (\(added.startDate) to \(added.endDate)), price \(added.rules.pricePerShare)"
        }
        var changed = term.rules.differences(from: stored.rules)
        if term.start != stored.startDate { changed.insert("start", at: 0) }
        if term.end != stored.endDate { changed.insert("end", at: changed.contains("start") ? 1 : 0) }
        guard !changed.isEmpty else { return nil }
        let subject = ValidationFailure.Subject.plan(planCode)
        let policies = try PlanStore.policyCount(db, termID: stored.id!)
        if policies > 0 {
            var failures = FailureCollector()
            for field in changed {
                failures.add(.termRulesLocked, field: field, subject: subject,
                             ["plan": planCode, "term": term.label, "count": String(policies), "field": field])
            }
            try failures.throwIfAny()
        }
        guard let plan = try PlanStore.plan(db, code: planCode) else { preconditionFailure("the term's plan exists") }
        var failures = FailureCollector()
        failures.add(contentsOf: PlanValidation.failures(of: term.rules, kind: plan.kind, planCode: planCode))
        if !(1...3).contains(where: { term.start.adding(years: $0).adding(days: -1) == term.end }) {
            failures.add(.termLength, field: "end", value: .plain(term.end.description), subject: subject,
                         ["start": term.start.description, "end": term.end.description])
        }
        stored.startDate = term.start
        stored.endDate = term.end
        stored.year = term.start.year
        stored.rules = term.rules
        for other in try terms(db, planCode: planCode) where other.id != stored.id && other.overlaps(stored) {
            failures.add(.termOverlap, field: "start", value: .plain(term.start.description), subject: subject,
                         ["other": other.label, "otherStart": other.startDate.description,
                          "otherEnd": other.endDate.description])
        }
        try failures.throwIfAny()
        try PlanStore.update(db, stored)
        try AuditLog.record(db, context: context, action: "update", operation: "updatePlanTerm", table: "planTerm",
                            rowKey: String(stored.id!), summary: [
                                "plan": .text(planCode), "label": .text(term.label),
                                "changed": .text(changed.joined(separator: ",")),
                            ])
        return "changed term \(planCode) \(term.label): \(changed.joined(separator: ", "))"
    }

    /// Every stored plan with its terms, as plans.toml has them (``PlansFile/render(_:header:)``).
    public func definitions(_ db: Database, code: String? = nil) throws -> [PlanDefinition] {
        try plans(db).filter { code == nil || $0.code == code }.map { plan in
            PlanDefinition(plan: plan, terms: try terms(db, planCode: plan.code).map {
                TermDefinition(label: $0.label, start: $0.startDate, end: $0.endDate, rules: $0.rules)
            })
        }
    }
}
