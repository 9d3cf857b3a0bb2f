import GRDB

/// A renewal (续保): a plan's members move on to a new term.
///
/// ```swift
/// RenewalRequest(planCode: "ACC", termLabel: "2027")                  // every unit in the scope
/// RenewalRequest(planCode: "ACC", termLabel: "2027", unitCode: "BH")  // BH's subtree
/// ```
public struct RenewalRequest: Hashable, Sendable {
    /// The plan's code.
    public var planCode: String
    /// The label of the term renewed into.
    public var termLabel: String
    /// The top of the subtree to renew; `nil` for the whole scope.
    public var unitCode: String?

    /// Creates a request.
    public init(planCode: String, termLabel: String, unitCode: String? = nil) {
        self.planCode = planCode
        self.termLabel = termLabel
        self.unitCode = unitCode
    }
}

/// What a renewal did, unit by unit.
public struct RenewalResult: Hashable, Sendable {
    /// The term renewed into.
    public var term: PlanTerm
    /// The term renewed from (the plan's latest term starting before ``term``).
    public var previousTerm: PlanTerm
    /// Each unit with a member holding the previous term, in unit path order.
    public var units: [UnitRenewal]

    /// Creates a result.
    public init(term: PlanTerm, previousTerm: PlanTerm, units: [UnitRenewal]) {
        self.term = term
        self.previousTerm = previousTerm
        self.units = units
    }

    /// Policies created in all units.
    public var renewed: Int { units.reduce(0) { $0 + $1.renewed } }
    /// Members skipped in all units.
    public var skipped: Int { units.reduce(0) { $0 + $1.skippedMembers } }
}

/// One unit's part of a renewal.
public struct UnitRenewal: Hashable, Sendable {
    /// The unit (the members' unit now, which may differ from the one that enrolled them last term).
    public var unitCode: String
    /// The group enrolment's batch; `nil` when the unit was refused or no one was renewed.
    public var batch: EnrollmentBatch?
    /// Policies created.
    public var renewed: Int
    /// Why members were not renewed, one failure each (a member may have
    /// several), subject the member: not active (E501), already renewed
    /// (E503), shares, age, gender, exclusive plan; when the unit itself was
    /// refused, each member with the unit's reason.
    public var skipped: [ValidationFailure]
    /// Why the unit was refused as a whole (group rule E511–E513, closed E217), empty if it was not.
    public var refusal: [ValidationFailure]

    /// Creates a unit's result.
    public init(unitCode: String, batch: EnrollmentBatch?, renewed: Int, skipped: [ValidationFailure],
                refusal: [ValidationFailure]) {
        self.unitCode = unitCode
        self.batch = batch
        self.renewed = renewed
        self.skipped = skipped
        self.refusal = refusal
    }

    /// Distinct members skipped.
    public var skippedMembers: Int {
        Set(skipped.map { $0.subject?.key ?? .plain($0.message()) }).count
    }
}

extension EnrollmentService {
    /// The refusals that stop one unit's renewal but not the others'.
    static let unitRefusals: Set<Int> = [
        ReasonCode.unitClosed.rawValue, ReasonCode.groupMinimumShare.rawValue, ReasonCode.groupEveryone.rawValue,
        ReasonCode.headcountMissing.rawValue,
    ]

    /// Renews a plan into a new term (续保): members still active who hold
    /// a policy (not cancelled) of the plan's previous term — its latest term
    /// starting before the new one — get the new term with the same shares.
    ///
    /// Unit by unit (the members' unit now, in path order; with
    /// `request.unitCode`, that unit's subtree; else every unit of the
    /// scope), each is one group enrolment by the same implementation as
    /// ``enrollUnit(_:_:context:)``: the same eligibility checks (on the new
    /// term), the group rule on the unit's headcount for the new term's year
    /// (members of the unit who already hold the new term count as enrolled),
    /// the subsidy formula in force on the **new term's start** deciding the
    /// split, the same ledger postings and audit rows (operation `renew`,
    /// with `renewedFrom`). A unit refused as a whole (closed, E217; group
    /// rule, E511–E513) renews no one and lists its members with that
    /// reason; the other units go on. Members who may not renew are listed
    /// with their reasons (inactive E501, already renewed E503, shares E502,
    /// age E505, gender E506, exclusive plan E504).
    ///
    /// ```swift
    /// let result = try enrollment.renew(db, RenewalRequest(planCode: "ACC", termLabel: "2027"), context: context)
    /// result.renewed                      // policies created
    /// result.units[0].skipped             // who was left out, and why
    /// ```
    ///
    /// - Throws: ``ValidationError``: unknown plan (E419) or term (E424), the
    ///   new term ended (E514), no earlier term (E530), unknown (E208) or
    ///   out-of-scope (E250) unit; a subsidy formula's refusal (E507, E508,
    ///   E702, E1002) stops the whole renewal.
    public func renew(_ db: Database, _ request: RenewalRequest, context: WriteContext) throws -> RenewalResult {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.plan(request.planCode)
        let (plan, term) = try resolve(db, planCode: request.planCode, termLabel: request.termLabel,
                                       subject: subject, context: context, into: &failures)
        var previous: PlanTerm?
        if let term {
            previous = try PlanService().terms(db, planCode: request.planCode)
                .filter { $0.startDate < term.startDate }.max { $0.startDate < $1.startDate }
            if previous == nil {
                failures.add(.renewalNoPreviousTerm, field: "term", value: .plain(term.label), subject: subject,
                             ["plan": request.planCode, "term": term.label])
            }
        }
        let range = try failures.capture(field: "unit") { try scope.range(narrowedTo: request.unitCode, in: db) }
        try failures.throwIfAny()
        guard let plan, let term, let previous, let range else { preconditionFailure("checked above") }

        var units: [UnitRenewal] = []
        for unitCode in try PolicyStore.renewalUnits(db, termID: previous.id!, in: range) {
            units.append(try renewUnit(db, unitCode: unitCode, plan: plan, term: term, previous: previous,
                                       context: context))
        }
        return RenewalResult(term: term, previousTerm: previous, units: units)
    }

    /// One unit's renewal: its members holding the previous term, the
    /// inactive ones listed, the active ones enrolled as a group.
    private func renewUnit(_ db: Database, unitCode: String, plan: Plan, term: PlanTerm, previous: PlanTerm,
                           context: WriteContext) throws -> UnitRenewal {
        var shares: [Int64: Int] = [:]
        var skipped: [ValidationFailure] = []
        var renewing: [Member] = []
        for (member, held) in try PolicyStore.renewals(db, unitCode: unitCode, termID: previous.id!) {
            if member.status == .active {
                shares[member.id!] = held
                renewing.append(member)
            } else {
                skipped.append(contentsOf: EligibilityRules.failures(
                    member: member, plan: plan, term: term, shares: nil,
                    standing: EligibilityRules.Standing(holdsTerm: false)))
            }
        }
        var unitFailures = FailureCollector()
        try self.unitFailures(db, unitCode: unitCode, subject: .unit(unitCode), context: context, into: &unitFailures)
        var refusal = unitFailures.failures
        if refusal.isEmpty, !shares.isEmpty {
            do {
                let result = try enrollGroup(db, unitCode: unitCode, plan: plan, term: term,
                                             selection: .renewing(from: previous, shares: shares), context: context)
                return UnitRenewal(unitCode: unitCode, batch: result.batch, renewed: result.policies.count,
                                   skipped: result.skipped + skipped, refusal: [])
            } catch let error as ValidationError
                        where error.failures.allSatisfy({ Self.unitRefusals.contains($0.code) }) {
                refusal = error.failures
            }
        }
        if !refusal.isEmpty {
            guard refusal.allSatisfy({ Self.unitRefusals.contains($0.code) }) else {
                throw ValidationError(refusal)   // outside the scope: refuse the renewal
            }
            for member in renewing {
                for failure in refusal {
                    var own = failure
                    own.subject = .member(member.residentID.value)
                    skipped.append(own)
                }
            }
        }
        return UnitRenewal(unitCode: unitCode, batch: nil, renewed: 0, skipped: skipped, refusal: refusal)
    }
}
