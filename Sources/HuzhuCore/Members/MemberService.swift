import GRDB

/// Registers, changes and reads members.
///
/// Every function takes a `Database` so that a caller can compose many
/// calls in one transaction; each write is itself atomic (a savepoint),
/// validated first (every failure collected) and audited without personal
/// data (members are keyed by row id in the audit trail).
///
/// ```swift
/// let members = MemberService(scope: .unit("BH"))
/// let member = try database.write { db in
///     try members.register(db, MemberDraft(residentID: "11010519491231002X", name: "王芳",
///                                          unitCode: "BH001"), context: context)
/// }
/// member.gender      // .female
/// ```
public struct MemberService: Sendable {
    /// The part of the tree this service sees and may change.
    public let scope: Scope

    /// Creates a service.
    ///
    /// - Parameter scope: Everything by default.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    // MARK: - Writes

    /// Registers a member.
    ///
    /// Checks, collecting every failure: the resident ID (E101–E107) is not
    /// registered yet (E302); the name (E301); the unit exists (E208) and is
    /// inside the scope (E250); the phone (E111); an explicit gender (E303)
    /// or birth date (E304) agrees with the ID; the join date is not after
    /// today (E309) nor before the birth date (E310).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - draft: The member's fields as written.
    ///   - context: Operator, script and today's date.
    /// - Returns: The stored member, with its id.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func register(_ db: Database, _ draft: MemberDraft, context: WriteContext) throws -> Member {
        let checked = try check(draft, today: context.today, isRegistered: { residentID in
            try MemberStore.isRegistered(db, residentID: residentID.value)
        }, unitFailure: { unitCode in
            try unitFailure(db, unitCode)
        })
        try checked.failures.throwIfAny()
        let residentID = checked.residentID, phone = checked.phone, joinedOn = checked.joinedOn

        var member = Member(residentID: residentID!, name: draft.name, unitCode: draft.unitCode, phone: phone,
                            hardship: draft.hardship, joinedOn: joinedOn)
        try db.inSavepoint {
            try MemberStore.insert(db, &member)
            try AuditLog.record(db, context: context, action: "insert", operation: "registerMember", table: "member",
                                rowKey: String(member.id!), summary: [
                                    "unit": .text(member.unitCode), "status": .text(member.status.rawValue),
                                    "hardship": .boolean(member.hardship), "joinedOn": .text(joinedOn.description),
                                ])
            return .commit
        }
        return member
    }

    /// Changes a member's name, unit, phone or hardship flag, recording
    /// the change in the member's history (``history(_:residentID:)``) with
    /// the day it took effect: a change of unit is a transfer
    /// (``transfer(_:residentID:to:on:context:)``), the rest an update.
    ///
    /// Checks, collecting every failure: the member exists (E305) inside
    /// the scope (E250); the name (E301); the phone (E111); a new unit
    /// exists (E208) inside the scope (E250), differs from the member's
    /// (E312) and only an active member moves (E311); the date is not after
    /// today (E309), not before the join date (E308) nor the member's last
    /// recorded change (E314). A change that changes nothing writes nothing.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - residentID: The member's resident ID.
    ///   - changes: The fields to change.
    ///   - date: The day the change took effect; today by default.
    ///   - context: Operator, script and today's date.
    /// - Returns: The member as changed.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func update(_ db: Database, residentID: String, _ changes: MemberChanges, on date: CivilDate? = nil,
                       context: WriteContext) throws -> Member {
        let before = try visibleMember(db, residentID: residentID, field: "residentID")
        var member = before
        let subject = ValidationFailure.Subject.member(member.residentID.value)
        let date = date ?? context.today
        var failures = FailureCollector()
        var summary: [String: AuditValue] = [:]
        var changed: [String] = []
        if let name = changes.name, name != member.name {
            checkName(name, subject: subject, into: &failures)
            member.name = name
            summary["name"] = "changed"
            changed.append("name")
        }
        if let phone = changes.phone {
            let parsed = try phone.flatMap { text in try failures.capture(field: "phone") { try Phone(text) } }
            if parsed != member.phone || (phone != nil && parsed == nil) {
                member.phone = parsed
                summary["phone"] = phone == nil ? "removed" : "changed"
                changed.append("phone")
            }
        }
        if let hardship = changes.hardship, hardship != member.hardship {
            member.hardship = hardship
            summary["hardship"] = .boolean(hardship)
            changed.append("hardship")
        }
        var transfer = false
        if let unitCode = changes.unitCode {
            if let failure = try unitFailure(db, unitCode) { failures.add(failure.about(subject)) }
            if unitCode == before.unitCode {
                failures.add(.transferSameUnit, field: "unit", value: .plain(unitCode), subject: subject, ["unit": unitCode])
            }
            if let gone = goneFailure(before, subject: subject) { failures.add(gone) }
            member.unitCode = unitCode
            summary["unit"] = .text(unitCode)
            transfer = true
        }
        guard transfer || !changed.isEmpty else {
            try failures.throwIfAny()
            return member
        }
        try checkDate(db, date, of: before, subject: subject, today: context.today, into: &failures)
        try failures.throwIfAny()
        summary["on"] = .text(date.description)
        if transfer { summary["from"] = .text(before.unitCode) }
        try db.inSavepoint {
            try MemberStore.update(db, member)
            try AuditLog.record(db, context: context, action: "update", operation: transfer ? "transferMember" : "updateMember",
                                table: "member", rowKey: String(member.id!), summary: summary)
            if !changed.isEmpty {
                try record(db, MemberEvent(memberID: member.id!, kind: .updated, effectiveOn: date, changed: changed,
                                           recordedOn: context.today, provenance: Provenance(context)))
            }
            if transfer {
                try record(db, MemberEvent(memberID: member.id!, kind: .transferred, effectiveOn: date,
                                           fromUnitCode: before.unitCode, toUnitCode: member.unitCode,
                                           recordedOn: context.today, provenance: Provenance(context)))
            }
            return .commit
        }
        return member
    }

    /// Moves a member to another unit (调动) from a day: the member keeps
    /// their policies (still under the unit that enrolled and paid for
    /// them), and from the day on the member counts under the new unit
    /// (member listings, counts, exports, new enrolments and renewals).
    /// The same checks and audit row as ``update(_:residentID:_:on:context:)``
    /// with a new unit (audited `transferMember`).
    ///
    /// - Throws: ``ValidationError`` (E305, E250, E208, E311, E312, E308, E309, E314).
    @discardableResult
    public func transfer(_ db: Database, residentID: String, to unitCode: String, on date: CivilDate? = nil,
                         context: WriteContext) throws -> Member {
        try update(db, residentID: residentID, MemberChanges(unitCode: unitCode), on: date, context: context)
    }

    /// Changes a member's status, recording the date it took effect:
    /// leaving, retiring or dying are ``leave(_:residentID:_:on:context:)``;
    /// becoming active again clears both dates (an event `reactivated`).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - residentID: The member's resident ID.
    ///   - status: The new status.
    ///   - date: When it took effect; today by default.
    ///   - context: Operator, script and today's date.
    /// - Returns: The member as changed.
    /// - Throws: ``ValidationError`` (E305, E250, E308, E309, E311, E314).
    @discardableResult
    public func setStatus(_ db: Database, residentID: String, _ status: MemberStatus, on date: CivilDate? = nil,
                          context: WriteContext) throws -> Member {
        guard status == .active else {
            return try leave(db, residentID: residentID, status, on: date, context: context).member
        }
        var member = try visibleMember(db, residentID: residentID, field: "residentID")
        let subject = ValidationFailure.Subject.member(member.residentID.value)
        let date = date ?? context.today
        var failures = FailureCollector()
        try checkDate(db, date, of: member, subject: subject, today: context.today, into: &failures)
        try failures.throwIfAny()
        member.retiredOn = nil
        member.leftOn = nil
        member.status = .active
        try db.inSavepoint {
            try MemberStore.update(db, member)
            try AuditLog.record(db, context: context, action: "update", operation: "setMemberStatus", table: "member",
                                rowKey: String(member.id!),
                                summary: ["status": .text(status.rawValue), "on": .text(date.description)])
            try record(db, MemberEvent(memberID: member.id!, kind: .reactivated, effectiveOn: date,
                                       recordedOn: context.today, provenance: Provenance(context)))
            return .commit
        }
        return member
    }

    // MARK: - Reads

    /// The member with a resident ID, or `nil` if there is none or their
    /// unit is outside the scope. A lower-case `x` or a 15-digit legacy
    /// number finds the same member.
    public func member(_ db: Database, residentID: String) throws -> Member? {
        guard let key = MemberService.key(residentID),
              let member = try MemberStore.member(db, residentID: key),
              try scope.contains(member.unitCode, in: db) else { return nil }
        return member
    }

    /// The member with a row id, or `nil` (also outside the scope).
    public func member(_ db: Database, id: Int64) throws -> Member? {
        guard let member = try MemberStore.member(db, id: id), try scope.contains(member.unitCode, in: db) else { return nil }
        return member
    }

    /// The members matching a filter, streamed in constant memory.
    ///
    /// ```swift
    /// let cursor = try members.members(db, MemberFilter(unit: "BH", status: .active))
    /// while let member = try cursor.next() { total += 1 }
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - filter: Unit subtree, status, hardship.
    /// - Returns: A cursor, valid inside the database access that gave `db`.
    /// - Throws: ``ValidationError`` for an unknown (E208) or out-of-scope (E250) filter unit.
    public func members(_ db: Database, _ filter: MemberFilter = MemberFilter()) throws -> RecordCursor<Member> {
        try MemberStore.members(db, try range(db, filter), status: filter.status, hardship: filter.hardship)
    }

    /// The number of members matching a filter.
    public func count(_ db: Database, _ filter: MemberFilter = MemberFilter()) throws -> Int {
        try MemberStore.count(db, try range(db, filter), status: filter.status, hardship: filter.hardship)
    }

    /// The units a filter covers, with the scope applied (E208, E250).
    func range(_ db: Database, _ filter: MemberFilter) throws -> UnitRange {
        try scope.range(narrowedTo: filter.unit, in: db)
    }

    // MARK: - Helpers

    /// The member with a resident ID inside the scope, or a failure (E305 / E250).
    func visibleMember(_ db: Database, residentID: String, field: String) throws -> Member {
        guard let key = MemberService.key(residentID),
              let member = try MemberStore.member(db, residentID: key) else {
            throw ValidationError(ValidationFailure(.memberUnknown, field: field, subject: .member(residentID)))
        }
        if let failure = try scope.failure(writingTo: member.unitCode, field: field, in: db) {
            throw ValidationError(failure.about(.member(member.residentID.value)))
        }
        return member
    }

    /// The stored form of a resident ID as written, or `nil` if it cannot be one.
    static func key(_ text: String) -> String? {
        if text.count == 15 { return try? ResidentID(legacy: text, today: CivilDate(year: 9999, month: 12, day: 31)!).value }
        return text.uppercased()
    }

    private func checkName(_ name: String, subject: ValidationFailure.Subject, into failures: inout FailureCollector) {
        let length = CodeRules.nameLength(name, maximum: 50)
        if !length.ok {
            failures.add(.memberNameInvalid, field: "name", subject: subject, ["count": String(length.count)])
        }
    }

    /// What ``check(_:today:isRegistered:unitFailure:)`` found.
    struct CheckedDraft {
        var failures: FailureCollector
        var residentID: ResidentID?
        var phone: Phone?
        var joinedOn: CivilDate
    }

    /// Every check of ``register(_:_:context:)``, in its order, with the two
    /// that need the database supplied by the caller (so that a bulk
    /// registration can answer them from prepared statements and caches).
    ///
    /// - Parameters:
    ///   - draft: The member's fields as written.
    ///   - today: The business date.
    ///   - isRegistered: Whether a resident ID is already registered.
    ///   - unitFailure: Why a unit cannot take members (unknown, out of scope), or `nil`.
    /// - Returns: The failures and the parsed values.
    func check(_ draft: MemberDraft, today: CivilDate, isRegistered: (ResidentID) throws -> Bool,
               unitFailure: (String) throws -> ValidationFailure?) throws -> CheckedDraft {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.member(draft.residentID)
        let residentID = try failures.capture(field: "residentID") { try ResidentID(draft.residentID, today: today) }
        if let residentID, try isRegistered(residentID) {
            failures.add(.memberExists, field: "residentID", subject: subject)
        }
        checkName(draft.name, subject: subject, into: &failures)
        if let failure = try unitFailure(draft.unitCode) { failures.add(failure.about(subject)) }
        var phone: Phone?
        if let text = draft.phone { phone = try failures.capture(field: "phone") { try Phone(text) } }
        if let residentID {
            if let given = draft.gender, given != residentID.gender {
                failures.add(.genderConflict, field: "gender", value: .plain(given.rawValue), subject: subject,
                             ["given": given.rawValue, "derived": residentID.gender.rawValue])
            }
            if let given = draft.birthDate, given != residentID.birthDate {
                failures.add(.birthDateConflict, field: "birthDate", value: .plain(given.description), subject: subject,
                             ["given": given.description, "derived": residentID.birthDate.description])
            }
        }
        let joinedOn = draft.joinedOn ?? today
        if joinedOn > today {
            failures.add(.dateInFuture, field: "joinedOn", value: .plain(joinedOn.description), subject: subject,
                         ["date": joinedOn.description, "today": today.description])
        }
        if let residentID, joinedOn < residentID.birthDate {
            failures.add(.joinedBeforeBirth, field: "joinedOn", value: .plain(joinedOn.description), subject: subject,
                         ["date": joinedOn.description, "birth": residentID.birthDate.description])
        }
        return CheckedDraft(failures: failures, residentID: residentID, phone: phone, joinedOn: joinedOn)
    }

    /// Why members cannot be put in a unit: unknown (E208) or outside the scope (E250); `nil` if they can.
    func unitFailure(_ db: Database, _ unitCode: String) throws -> ValidationFailure? {
        if try !UnitStore.exists(db, code: unitCode) {
            return ValidationFailure(.unitUnknown, field: "unit", value: .plain(unitCode), ["code": unitCode])
        }
        return try scope.failure(writingTo: unitCode, field: "unit", in: db)
    }
}
