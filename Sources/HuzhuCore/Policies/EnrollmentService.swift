import Foundation
import GRDB

/// Enrolls members in plan terms, one by one or a unit at a time, and
/// reads policies.
///
/// Every function takes a `Database` so that a caller can compose many
/// calls in one transaction; each write is itself atomic (a savepoint),
/// validated first (every failure collected) and audited.
///
/// Cover starts on the term's start, or on the enrollment day
/// (``WriteContext/today``) for a member enrolled after the term started;
/// it ends with the term. Until subsidy rules say otherwise the member
/// pays the whole contribution, unless an explicit split is given.
///
/// ``enroll(_:_:context:)`` and ``enrollUnit(_:_:context:)`` post each new
/// policy's contribution to the ledger (``LedgerService/postContribution(_:policy:context:)``)
/// in the same savepoint, so `ledger check` agrees with the policies.
/// (The bulk path, `enrollUnitInBulk`, does not post yet.) A re-split by
/// ``setSplit(_:policyID:_:context:)`` is not re-posted: the caller reverses
/// the contribution entry and posts it again.
///
/// ```swift
/// let enrollment = EnrollmentService(scope: .unit("BH"))
/// let policy = try database.write { db in
///     try enrollment.enroll(db, EnrollmentRequest(residentID: id, planCode: "ACC", shares: 2), context: context)
/// }
/// policy.contribution   // 52.00: 26.00 a share × 2
/// ```
public struct EnrollmentService: Sendable {
    /// The part of the tree this service sees and may change.
    public let scope: Scope
    /// Proposes the split of policies enrolled without an explicit one (nil: the member pays all).
    public let subsidy: (any SubsidyFormula)?
    /// Whether enrolling posts the contribution to the ledger (true unless
    /// a caller books contributions itself, e.g. a fixture of an unposted database).
    public let postsContributions: Bool

    /// Creates a service.
    ///
    /// - Parameters:
    ///   - scope: Everything by default.
    ///   - subsidy: The subsidy formula, if the union has one.
    ///   - postsContributions: Post each new policy's contribution to the ledger (default).
    public init(scope: Scope = .everything, subsidy: (any SubsidyFormula)? = nil, postsContributions: Bool = true) {
        self.scope = scope
        self.subsidy = subsidy
        self.postsContributions = postsContributions
    }

    // MARK: - Enrolling one member

    /// Enrolls one member in one plan term.
    ///
    /// Checks, collecting every failure: the member exists (E305) inside
    /// the scope (E250) and its unit (or a unit above it) has not closed
    /// before today (E217); the plan exists (E419) and has the term (E424) or
    /// a term open today (E425) that has not ended (E514); the member is
    /// active (E501); the shares are 1 to the plan's maximum (E502); the
    /// member holds no active policy in the term (E503) nor in a plan of
    /// the same exclusive group with an overlapping term (E504); the age
    /// at the term start (E505) and the gender (E506) fit; an explicit
    /// split has no negative part (E508) and adds up (E507).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - request: Member, plan, term, shares and split.
    ///   - context: Operator, script and today's date.
    /// - Returns: The stored policy.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func enroll(_ db: Database, _ request: EnrollmentRequest, context: WriteContext) throws -> Policy {
        var failures = FailureCollector()
        let members = MemberService(scope: scope)
        let member = try failures.capture(field: "residentID") {
            try members.visibleMember(db, residentID: request.residentID, field: "residentID")
        }
        let subject = ValidationFailure.Subject.member(member?.residentID.value ?? request.residentID)
        if let member, let closed = try UnitService(scope: scope).closedFailure(
            db, unitCode: member.unitCode, on: context.today, field: "unit", subject: subject) {
            failures.add(closed)
        }
        let (plan, term) = try resolve(db, planCode: request.planCode, termLabel: request.termLabel,
                                       subject: subject, context: context, into: &failures)
        var contribution: Money?
        if let plan {
            if let member, let term {
                failures.add(contentsOf: try EligibilityRules.failures(db, member: member, plan: plan, term: term,
                                                                        shares: request.shares))
            } else if !(1...max(1, plan.maxShares)).contains(request.shares) {
                failures.add(EligibilityRules.sharesFailure(request.shares, plan: plan, subject: subject))
            }
            contribution = try failures.capture(field: "shares") {
                try plan.pricePerShare.multiplied(by: Int64(request.shares))
            }
        }
        if let split = request.split, let contribution {
            failures.add(contentsOf: split.failures(against: contribution, subject: subject))
        }
        try failures.throwIfAny()

        guard let member, let plan, let term, let contribution else { preconditionFailure("checked above") }
        var policy = makePolicy(member: member, plan: plan, term: term, shares: request.shares,
                                contribution: contribution, split: request.split, batchID: nil, context: context)
        var decision: SubsidyDecision?
        if request.split == nil, let subsidy {
            decision = try decideSubsidy(db, subsidy, policy: policy, member: member, plan: plan, term: term,
                                         context: context, subject: subject)
            policy.split = decision!.split
        }
        try db.inSavepoint {
            try insert(db, &policy, termLabel: term.label, operation: "enroll", context: context)
            if let decision { try recordSubsidy(db, decision, policy: policy, member: member, context: context) }
            try postContribution(db, policy, context: context)
            return .commit
        }
        return policy
    }

    func check(_ rule: GroupRule, employees: Int?, enrolled: Int, plan: Plan, term: PlanTerm,
                       subject: ValidationFailure.Subject) throws {
        guard let employees else {
            throw ValidationError(ValidationFailure(.headcountMissing, field: "unit", subject: subject,
                                                    ["year": String(term.year)]))
        }
        let required = rule.required(employees: employees)
        guard enrolled < required else { return }
        if employees < rule.smallUnitThreshold {
            throw ValidationError(ValidationFailure(
                .groupEveryone, field: "unit", subject: subject,
                ["employees": String(employees), "threshold": String(rule.smallUnitThreshold),
                 "plan": plan.code, "term": term.label, "enrolled": String(enrolled)]))
        }
        let percent = employees > 0 ? enrolled * 100 / employees : 0
        throw ValidationError(ValidationFailure(
            .groupMinimumShare, field: "unit", subject: subject,
            ["enrolled": String(enrolled), "employees": String(employees), "plan": plan.code, "term": term.label,
             "percent": String(percent), "minimum": String(rule.minimumPercent)]))
    }

    // MARK: - Changing a policy

    /// Cancels an active policy (退保) with its term's refund rule.
    ///
    /// The cancellation day is the last covered day: a claim for an
    /// incident up to it stays claimable, a later incident is refused
    /// (E655). The refund is ``RefundRule/amount(contribution:start:end:cancelledOn:)``
    /// of the term's ``PlanRules/refund``, shared back to administration,
    /// union and member in proportion to what each paid (exact fen,
    /// ``ContributionSplit/shared(_:)``), kept on the policy
    /// (``Policy/refund``) and posted to the ledger
    /// (``LedgerService/postRefund(_:policyID:parts:memo:context:)``) when
    /// the contribution was posted.
    ///
    /// Checks, collecting every failure: the policy exists (E509) inside
    /// the scope (E250) and is active (E510); a reason is given (E517); the
    /// date is not after today (E309) and lies between the enrolment day
    /// and the policy's end (E515); no claim (not rejected) on the policy
    /// has an incident after the date (E516).
    ///
    /// ```swift
    /// let cancellation = try enrollment.cancel(db, policyID: 7, on: sep30, reason: "changed employer", context: context)
    /// cancellation.refund.total   // the unexpired part under a pro-rata term; 0.00 under before_start
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - policyID: The policy.
    ///   - date: The last covered day; today by default.
    ///   - reason: Why (audited).
    ///   - context: Operator, script and today's date.
    /// - Returns: The cancelled policy and its refund.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func cancel(_ db: Database, policyID: Int64, on date: CivilDate? = nil, reason: String,
                       context: WriteContext) throws -> Cancellation {
        let policy = try activePolicy(db, id: policyID)
        let date = date ?? context.today
        let subject = ValidationFailure.Subject.policy(policyID)
        var failures = FailureCollector()
        let reason = reason.trimmingCharacters(in: .whitespaces)
        if reason.isEmpty { failures.add(.cancelReasonMissing, field: "reason", subject: subject) }
        if date > context.today {
            failures.add(.dateInFuture, field: "date", value: .plain(date.description), subject: subject,
                         ["date": date.description, "today": context.today.description])
        }
        if date < policy.enrolledOn || date > policy.endDate {
            failures.add(.cancelDateOutside, field: "date", value: .plain(date.description), subject: subject,
                         ["date": date.description, "policy": String(policyID), "enrolled": policy.enrolledOn.description,
                          "end": policy.endDate.description])
        }
        if let claim = try PolicyStore.claimAfter(db, policyID: policyID, date: date) {
            failures.add(.cancelAfterClaim, field: "date", value: .plain(date.description), subject: subject,
                         ["claim": String(claim.id), "incident": claim.incident.description, "date": date.description])
        }
        try failures.throwIfAny()
        let rule = try PlanService().plan(db, termID: policy.planTermID)?.rules.refund ?? .none
        return try end(db, policy, on: date, reason: reason, refund: rule, context: context)
    }

    /// Ends an active policy on a day (its last covered day) with a refund
    /// rule: the one write behind ``cancel(_:policyID:on:reason:context:)``
    /// and a member's leaving or death (``MemberService/leave(_:residentID:_:on:context:)``).
    /// Audited as `cancelPolicy` with the day, the reason and the refund parts.
    func end(_ db: Database, _ policy: Policy, on date: CivilDate, reason: String, refund rule: RefundRule,
             context: WriteContext) throws -> Cancellation {
        var policy = policy
        let amount = rule.amount(contribution: policy.contribution, start: policy.startDate, end: policy.endDate,
                                 cancelledOn: date)
        let parts = policy.split.shared(amount)
        policy.status = .cancelled
        policy.cancelledOn = date
        policy.cancelReason = reason
        policy.refund = parts
        var entryID: Int64?
        try db.inSavepoint {
            try PolicyStore.update(db, policy)
            try AuditLog.record(db, context: context, action: "update", operation: "cancelPolicy", table: "policy",
                                rowKey: String(policy.id!), summary: [
                                    "status": "cancelled", "on": .text(date.description), "reason": .text(reason),
                                    "refundRule": .text(rule.rawValue), "refund": .integer(parts.total.fen),
                                    "administration": .integer(parts.administration.fen),
                                    "union": .integer(parts.union.fen), "memberShare": .integer(parts.member.fen),
                                ])
            let ledger = LedgerService(scope: scope)
            if parts.total.fen > 0, try ledger.liveContribution(db, policyID: policy.id!) != nil {
                entryID = try ledger.postRefund(db, policyID: policy.id!, parts: parts,
                                                memo: "refund of policy \(policy.id!) (cancelled on \(date): \(reason))",
                                                context: context).entry.id
            }
            return .commit
        }
        return Cancellation(policy: policy, refund: parts, refundRule: rule, entryID: entryID)
    }

    /// Replaces who pays an active policy's contribution (e.g. a subsidy
    /// rule's result); the decision's provenance becomes this context's.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - policyID: The policy.
    ///   - split: The new split; it must add up to the contribution.
    ///   - context: Operator and script, recorded as the decision's provenance.
    /// - Returns: The changed policy.
    /// - Throws: ``ValidationError`` (E509, E250, E510, E507, E508).
    @discardableResult
    public func setSplit(_ db: Database, policyID: Int64, _ split: ContributionSplit,
                         context: WriteContext) throws -> Policy {
        var policy = try activePolicy(db, id: policyID)
        let subject = ValidationFailure.Subject(kind: "policy", key: .plain(String(policyID)))
        let failures = split.failures(against: policy.contribution, subject: subject)
        if !failures.isEmpty { throw ValidationError(failures) }
        policy.split = split
        policy.provenance = Provenance(context)
        try db.inSavepoint {
            try PolicyStore.update(db, policy)
            try AuditLog.record(db, context: context, action: "update", operation: "setSplit", table: "policy",
                                rowKey: String(policyID), summary: [
                                    "administration": .integer(split.administration.fen),
                                    "union": .integer(split.union.fen), "member": .integer(split.member.fen),
                                ])
            return .commit
        }
        return policy
    }

    /// Marks active policies whose cover ended before today as expired
    /// (within the scope).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - context: Operator, script and today's date.
    /// - Returns: The number of policies expired.
    /// - Throws: A database error.
    @discardableResult
    public func expire(_ db: Database, context: WriteContext) throws -> Int {
        let ids = try PolicyStore.expiredIDs(db, try scope.range(in: db), before: context.today)
        try db.inSavepoint {
            for id in ids {
                try PolicyStore.expire(db, id: id)
                try AuditLog.record(db, context: context, action: "update", operation: "expirePolicy", table: "policy",
                                    rowKey: String(id), summary: ["status": "expired"])
            }
            return .commit
        }
        return ids.count
    }

    // MARK: - Reads

    /// The policy with a row id, or `nil` if none or outside the scope.
    public func policy(_ db: Database, id: Int64) throws -> PolicyDetail? {
        guard let detail = try PolicyStore.detail(db, id: id),
              try scope.contains(detail.policy.unitCode, in: db) else { return nil }
        return detail
    }

    /// The policies matching a filter, streamed in constant memory.
    ///
    /// ```swift
    /// let cursor = try enrollment.policies(db, PolicyFilter(unit: "BH", year: 2012))
    /// while let detail = try cursor.next() { total += detail.policy.contribution.fen }
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - filter: Unit subtree (by enrolling unit), plan, year, status, member.
    /// - Returns: A cursor, valid inside the database access that gave `db`.
    /// - Throws: ``ValidationError`` for an unknown (E208) or out-of-scope (E250) filter unit.
    public func policies(_ db: Database, _ filter: PolicyFilter = PolicyFilter()) throws -> RecordCursor<PolicyDetail> {
        try PolicyStore.details(db, where: try conditions(db, filter))
    }

    /// The number of policies matching a filter.
    public func count(_ db: Database, _ filter: PolicyFilter = PolicyFilter()) throws -> Int {
        try PolicyStore.count(db, where: try conditions(db, filter))
    }

    /// The SQL conditions of a filter on `policy`, scope applied.
    func conditions(_ db: Database, _ filter: PolicyFilter) throws -> [SQL] {
        PolicyStore.conditions(try scope.range(narrowedTo: filter.unit, in: db), planCode: filter.planCode,
                               year: filter.year, status: filter.status,
                               residentID: filter.residentID.map { MemberService.key($0) ?? $0 })
    }

    // MARK: - Helpers

    /// The plan and term named by a request, adding failures for what is missing.
    func resolve(_ db: Database, planCode: String, termLabel: String?, subject: ValidationFailure.Subject,
                         context: WriteContext, into failures: inout FailureCollector) throws -> (Plan?, PlanTerm?) {
        let plans = PlanService()
        guard let plan = try plans.plan(db, code: planCode) else {
            failures.add(.planUnknown, field: "plan", value: .plain(planCode), subject: subject, ["code": planCode])
            return (nil, nil)
        }
        let term: PlanTerm?
        if let termLabel {
            term = try plans.term(db, planCode: planCode, label: termLabel)
            if term == nil {
                failures.add(.termUnknown, field: "term", value: .plain(termLabel), subject: subject,
                             ["plan": planCode, "term": termLabel])
            }
        } else {
            term = try plans.openTerm(db, planCode: planCode, on: context.today)
            if term == nil {
                failures.add(.noOpenTerm, field: "term", subject: subject,
                             ["plan": planCode, "date": context.today.description])
            }
        }
        if let term, term.endDate < context.today {
            failures.add(.termEnded, field: "term", value: .plain(term.label), subject: subject,
                         ["term": term.label, "end": term.endDate.description])
            return (plan, nil)
        }
        // The term's rules price and admit its policies.
        var termPlan = plan
        if let term { termPlan.rules = term.rules }
        return (termPlan, term)
    }

    private func makePolicy(member: Member, plan: Plan, term: PlanTerm, shares: Int, contribution: Money,
                            split: ContributionSplit?, batchID: Int64?, context: WriteContext) -> Policy {
        Policy(memberID: member.id!, planTermID: term.id!, planCode: plan.code, year: term.year,
               unitCode: member.unitCode, shares: shares, startDate: max(term.startDate, context.today),
               endDate: term.endDate, contribution: contribution, split: split ?? .memberPays(contribution),
               batchID: batchID, enrolledOn: context.today, provenance: Provenance(context))
    }

    private func insert(_ db: Database, _ policy: inout Policy, termLabel: String, operation: String,
                        context: WriteContext) throws {
        try PolicyStore.insert(db, &policy)
        try AuditLog.record(db, context: context, action: "insert", operation: operation, table: "policy",
                            rowKey: String(policy.id!), summary: [
                                "member": .integer(policy.memberID), "plan": .text(policy.planCode),
                                "term": .text(termLabel), "shares": .integer(Int64(policy.shares)),
                                "contribution": .integer(policy.contribution.fen),
                                "administration": .integer(policy.split.administration.fen),
                                "union": .integer(policy.split.union.fen),
                                "memberShare": .integer(policy.split.member.fen),
                                "batch": policy.batchID.map { .integer($0) } ?? .null,
                            ])
    }

    /// Posts a new policy's contribution, unless this service leaves posting to its caller.
    private func postContribution(_ db: Database, _ policy: Policy, context: WriteContext) throws {
        guard postsContributions else { return }
        try LedgerService(scope: scope).postContribution(db, policy: policy, context: context)
    }

    private func activePolicy(_ db: Database, id: Int64) throws -> Policy {
        let subject = ValidationFailure.Subject(kind: "policy", key: .plain(String(id)))
        guard let policy = try PolicyStore.policy(db, id: id) else {
            throw ValidationError(ValidationFailure(.policyUnknown, field: "policy", subject: subject, ["id": String(id)]))
        }
        if let failure = try scope.failure(writingTo: policy.unitCode, field: "policy", in: db) {
            throw ValidationError(failure.about(subject))
        }
        guard policy.status == .active else {
            throw ValidationError(ValidationFailure(.policyNotActive, field: "policy", subject: subject,
                                                    ["status": policy.status.rawValue]))
        }
        return policy
    }
}
