import GRDB

/// What ``MemberService/leave(_:residentID:_:on:context:)`` did.
public struct Leaving: Hashable, Sendable {
    /// The member as changed.
    public var member: Member
    /// The policies ended on the day, each with its refund (none under `keep`).
    public var cancellations: [Cancellation]

    /// Creates a value.
    public init(member: Member, cancellations: [Cancellation]) {
        self.member = member
        self.cancellations = cancellations
    }
}

extension MemberService {
    // MARK: - Life events

    /// Records that a member left (离职), retired (退休) or died (身故) on a
    /// day, with its effect on the member's active policies:
    ///
    /// - **deceased**: every active policy ends on the day of death (the
    ///   last covered day, so a claim for the death itself stays payable);
    ///   a policy whose cover had not started yet is refunded by its term's
    ///   refund rule, one in force is not.
    /// - **left** or **retired**: by each policy's term's leaving rule
    ///   (``PlanRules/leaving``): `keep` keeps the cover to the term's end;
    ///   `end_with_refund` ends the policy on the day and refunds the
    ///   unexpired part pro rata (``RefundRule/proRata``), shared back to
    ///   the payers and posted to the ledger as a cancellation does.
    ///
    /// Policies are ended through ``EnrollmentService``'s one cancellation
    /// write (audited `cancelPolicy`, reason `left`, `retired` or `deceased`).
    /// A left or deceased member is then refused for new enrolments (E501,
    /// naming the status and the day).
    ///
    /// Checks, collecting every failure: the member exists (E305) inside
    /// the scope (E250); the status is not active (use ``setStatus(_:residentID:_:on:context:)``);
    /// the member may still take the step (E311: a left or deceased member
    /// takes none, a retired member may leave or die); the date is not after
    /// today (E309), not before the join date (E308) nor the member's last
    /// recorded change (E314).
    ///
    /// ```swift
    /// let result = try members.leave(db, residentID: id, .deceased, on: may3, context: context)
    /// result.cancellations.map(\.policy.cancelledOn)   // [2026-05-03, …]
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - residentID: The member's resident ID.
    ///   - status: `left`, `retired` or `deceased`.
    ///   - date: The day; today by default.
    ///   - context: Operator, script and today's date.
    /// - Returns: The member and the policies ended.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func leave(_ db: Database, residentID: String, _ status: MemberStatus, on date: CivilDate? = nil,
                      context: WriteContext) throws -> Leaving {
        precondition(status != .active, "leave takes left, retired or deceased")
        var member = try visibleMember(db, residentID: residentID, field: "residentID")
        let subject = ValidationFailure.Subject.member(member.residentID.value)
        let date = date ?? context.today
        var failures = FailureCollector()
        if let failure = goneFailure(member, subject: subject) {
            failures.add(failure)
        } else if member.status == .retired, status == .retired {
            failures.add(gone(member, subject: subject))
        }
        try checkDate(db, date, of: member, subject: subject, today: context.today, into: &failures)
        try failures.throwIfAny()
        switch status {
        case .retired: member.retiredOn = date
        case .left, .deceased: member.leftOn = date
        case .active: break
        }
        member.status = status
        var cancellations: [Cancellation] = []
        try db.inSavepoint {
            try MemberStore.update(db, member)
            try AuditLog.record(db, context: context, action: "update", operation: "setMemberStatus", table: "member",
                                rowKey: String(member.id!),
                                summary: ["status": .text(status.rawValue), "on": .text(date.description)])
            try record(db, MemberEvent(memberID: member.id!, kind: MemberEventKind(rawValue: status.rawValue)!,
                                       effectiveOn: date, recordedOn: context.today, provenance: Provenance(context)))
            let enrollment = EnrollmentService(scope: .everything)
            let plans = PlanService()
            for policy in try PolicyStore.activePolicies(db, memberID: member.id!) where policy.endDate >= date {
                guard let rules = try plans.plan(db, termID: policy.planTermID)?.rules else { continue }
                let refund: RefundRule
                if status == .deceased {
                    refund = policy.startDate > date ? rules.refund : .none
                } else {
                    guard rules.leaving == .endWithRefund else { continue }
                    refund = .proRata
                }
                // The member's event decides for all their policies, wherever they were enrolled.
                cancellations.append(try enrollment.end(db, policy, on: date,
                                                        reason: status.rawValue, refund: refund, context: context))
            }
            return .commit
        }
        return Leaving(member: member, cancellations: cancellations)
    }

    /// A member's history, oldest first: the registration (the day they
    /// joined, in the unit they joined) and every recorded event (updates,
    /// transfers, retirement, leaving, death) with its effective day.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - residentID: The member's resident ID.
    /// - Returns: The events; the registration has no id, recording day or provenance.
    /// - Throws: ``ValidationError`` (E305 unknown member, E250 outside the scope).
    public func history(_ db: Database, residentID: String) throws -> [MemberEvent] {
        guard let member = try member(db, residentID: residentID) else {
            throw ValidationError(ValidationFailure(.memberUnknown, field: "residentID", subject: .member(residentID)))
        }
        let events = try MemberStore.events(db, memberID: member.id!)
        let firstUnit = events.first { $0.kind == .transferred }?.fromUnitCode ?? member.unitCode
        return [MemberEvent(memberID: member.id!, kind: .registered, effectiveOn: member.joinedOn, toUnitCode: firstUnit,
                            recordedOn: nil, provenance: nil)] + events
    }

    // MARK: - Helpers of life events

    /// E311 when a member may no longer change unit or status: left or deceased.
    func goneFailure(_ member: Member, subject: ValidationFailure.Subject) -> ValidationFailure? {
        guard member.status == .left || member.status == .deceased else { return nil }
        return gone(member, subject: subject)
    }

    private func gone(_ member: Member, subject: ValidationFailure.Subject) -> ValidationFailure {
        ValidationFailure(.memberGone, field: "residentID", subject: subject, [
            "status": member.status.rawValue,
            "date": member.status.since(member)?.description ?? "?",
        ])
    }

    /// The checks of an event's date: not after today (E309), not before
    /// the join date (E308) nor the member's last recorded change (E314).
    func checkDate(_ db: Database, _ date: CivilDate, of member: Member, subject: ValidationFailure.Subject,
                   today: CivilDate, into failures: inout FailureCollector) throws {
        if date < member.joinedOn {
            failures.add(.dateBeforeJoining, field: "date", value: .plain(date.description), subject: subject,
                         ["date": date.description, "joined": member.joinedOn.description])
        }
        if date > today {
            failures.add(.dateInFuture, field: "date", value: .plain(date.description), subject: subject,
                         ["date": date.description, "today": today.description])
        }
        if let last = try MemberStore.lastEvent(db, memberID: member.id!), date < last.effectiveOn {
            failures.add(.changeBeforeLast, field: "date", value: .plain(date.description), subject: subject,
                         ["date": date.description, "last": last.kind.rawValue, "lastDate": last.effectiveOn.description])
        }
    }

    /// Stores an event.
    func record(_ db: Database, _ event: MemberEvent) throws {
        var event = event
        try MemberStore.insert(db, &event)
    }
}
