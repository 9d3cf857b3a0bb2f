import GRDB

/// Creates, moves and reads units, offices and headcounts.
///
/// Every function takes a `Database` so that a caller can compose many
/// calls in one transaction; each write is itself atomic (a savepoint),
/// validated first (all failures collected) and audited.
///
/// ```swift
/// let units = UnitService()
/// try database.write { db in
///     try units.createOffice(db, Office(code: "HQ", name: "市总保险办", kind: .office), context: context)
///     try units.create(db, UnitDraft(code: "FED", name: "市总工会", kind: .federation, parentCode: nil,
///                                    officeCode: "HQ"), context: context)
///     try units.create(db, UnitDraft(code: "BH", name: "包河区总工会", kind: .district, parentCode: "FED"),
///                      context: context)
/// }
/// ```
public struct UnitService: Sendable {
    /// The part of the tree this service sees and may change.
    public let scope: Scope

    /// Creates a service.
    ///
    /// - Parameter scope: Everything by default.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    // MARK: - Offices

    /// Stores a new office (offices are not in the unit tree; a scoped caller may not create one, E251).
    ///
    /// A parent office, when given, must exist already (E209) and be
    /// another office (E216): offices are created parents first, so no
    /// chain of parents can come back to itself.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - office: The office.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The stored office.
    /// - Throws: ``ValidationError`` with E201 (code), E203 (name), E210 (taken), E209 (unknown parent),
    ///   E216 (its own parent), E251 (scoped).
    @discardableResult
    public func createOffice(_ db: Database, _ office: Office, context: WriteContext) throws -> Office {
        if let refused = scope.failure(federationOperation: "createOffice", field: "code", value: .plain(office.code)) {
            throw ValidationError(refused)
        }
        var failures = FailureCollector()
        if !CodeRules.isValidCode(office.code) {
            failures.add(.unitCodeInvalid, field: "code", value: .plain(office.code), ["code": office.code])
        } else if try UnitStore.officeExists(db, code: office.code) {
            failures.add(.officeCodeTaken, field: "code", value: .plain(office.code), ["code": office.code])
        }
        let name = CodeRules.nameLength(office.name, maximum: 100)
        if !name.ok { failures.add(.nameInvalid, field: "name", value: .plain(office.name), ["count": String(name.count)]) }
        if let parent = office.parentCode {
            if parent == office.code {
                failures.add(.officeCycle, field: "parent", value: .plain(parent), ["parent": parent, "code": office.code])
            } else if try !UnitStore.officeExists(db, code: parent) {
                failures.add(.officeUnknown, field: "parent", value: .plain(parent), ["code": parent])
            }
        }
        try failures.throwIfAny()
        try db.inSavepoint {
            try UnitStore.insert(db, office)
            var summary: [String: AuditValue] = ["name": .text(office.name), "kind": .text(office.kind.rawValue)]
            if let parent = office.parentCode { summary["parent"] = .text(parent) }
            try AuditLog.record(db, context: context, action: "insert", operation: "createOffice", table: "office",
                                rowKey: office.code, summary: summary)
            return .commit
        }
        return office
    }

    /// The office with a code, or `nil`.
    public func office(_ db: Database, code: String) throws -> Office? {
        try UnitStore.office(db, code: code)
    }

    /// All offices, by code.
    public func offices(_ db: Database) throws -> [Office] {
        try UnitStore.offices(db)
    }

    // MARK: - Units

    /// Creates a unit under its parent.
    ///
    /// Checks, collecting every failure: the code (E201) is free (E202);
    /// the name (E203); a federation has no parent (E206) and there is only
    /// one (E213); any other unit has a parent (E207) that exists (E204)
    /// and lies inside the scope (E250); the office exists (E209).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - draft: The unit's fields.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The stored unit, with its path.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func create(_ db: Database, _ draft: UnitDraft, context: WriteContext) throws -> Unit {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.unit(draft.code)
        if !CodeRules.isValidCode(draft.code) {
            failures.add(.unitCodeInvalid, field: "code", value: .plain(draft.code), ["code": draft.code])
        } else if try UnitStore.exists(db, code: draft.code) {
            failures.add(.unitCodeTaken, field: "code", value: .plain(draft.code), subject: subject, ["code": draft.code])
        }
        let name = CodeRules.nameLength(draft.name, maximum: 100)
        if !name.ok {
            failures.add(.nameInvalid, field: "name", value: .plain(draft.name), subject: subject, ["count": String(name.count)])
        }
        var parentPath = "/"
        switch (draft.kind, draft.parentCode) {
        case (.federation, let parent?):
            failures.add(.federationHasParent, field: "parent", value: .plain(parent), subject: subject, ["parent": parent])
        case (.federation, nil):
            if let existing = try UnitStore.federation(db) {
                failures.add(.federationExists, field: "kind", value: .plain("federation"), subject: subject,
                             ["existing": existing.code])
            }
            if let code = scope.unitCode {
                failures.add(.outOfScope, field: "code", value: .plain(draft.code), subject: subject,
                             ["unit": draft.code, "scope": code])
            }
        case (let kind, nil):
            failures.add(.unitParentRequired, field: "parent", subject: subject, ["kind": kind.rawValue])
        case (_, let parentCode?):
            if let parent = try UnitStore.unit(db, code: parentCode) {
                parentPath = parent.path
                if let failure = try scope.failure(writingTo: parentCode, field: "parent", in: db) {
                    failures.add(failure.about(subject))
                }
            } else {
                failures.add(.unitParentUnknown, field: "parent", value: .plain(parentCode), subject: subject,
                             ["parent": parentCode])
            }
        }
        if let officeCode = draft.officeCode, try !UnitStore.officeExists(db, code: officeCode) {
            failures.add(.officeUnknown, field: "office", value: .plain(officeCode), subject: subject, ["code": officeCode])
        }
        try failures.throwIfAny()

        let unit = Unit(code: draft.code, name: draft.name, kind: draft.kind, parentCode: draft.parentCode,
                        officeCode: draft.officeCode, path: parentPath + draft.code + "/")
        try db.inSavepoint {
            try UnitStore.insert(db, unit)
            try AuditLog.record(db, context: context, action: "insert", operation: "createUnit", table: "unit",
                                rowKey: unit.code, summary: [
                                    "name": .text(unit.name), "kind": .text(unit.kind.rawValue),
                                    "parent": .text(unit.parentCode), "office": .text(unit.officeCode),
                                ])
            return .commit
        }
        return unit
    }

    /// Moves a unit and its whole subtree under another parent.
    ///
    /// Refused when the new parent lies inside the unit's own subtree (a
    /// cycle, E205), does not exist (E204), or when the unit or the new
    /// parent lies outside the scope (E250). Paths of the whole subtree
    /// are rewritten in one statement.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - code: The unit to move.
    ///   - parentCode: Its new parent.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The unit as moved.
    /// - Throws: ``ValidationError`` (E208 unknown unit, E206 for the federation, E204, E205, E250).
    @discardableResult
    public func move(_ db: Database, code: String, toParent parentCode: String, context: WriteContext) throws -> Unit {
        let subject = ValidationFailure.Subject.unit(code)
        var failures = FailureCollector()
        let unit = try visibleUnit(db, code: code, field: "code")
        if unit.kind == .federation {
            failures.add(.federationHasParent, field: "parent", value: .plain(parentCode), subject: subject,
                         ["parent": parentCode])
        }
        let parent = try UnitStore.unit(db, code: parentCode)
        if let parent {
            if parent.path.hasPrefix(unit.path) {
                failures.add(.unitCycle, field: "parent", value: .plain(parentCode), subject: subject,
                             ["parent": parentCode, "code": code])
            }
            if let failure = try scope.failure(writingTo: parentCode, field: "parent", in: db) {
                failures.add(failure.about(subject))
            }
        } else {
            failures.add(.unitParentUnknown, field: "parent", value: .plain(parentCode), subject: subject,
                         ["parent": parentCode])
        }
        try failures.throwIfAny()
        guard let parent, unit.parentCode != parentCode else { return unit }

        let newPath = parent.path + unit.code + "/"
        try db.inSavepoint {
            try UnitStore.move(db, code: code, oldPath: unit.path, newPath: newPath, parentCode: parentCode)
            try AuditLog.record(db, context: context, action: "update", operation: "moveUnit", table: "unit",
                                rowKey: code, summary: ["parent": .text(parentCode), "from": .text(unit.parentCode)])
            return .commit
        }
        return try UnitStore.unit(db, code: code)!
    }

    /// Changes a unit's name or office (its code, kind and place in the tree
    /// stay; ``move(_:code:toParent:context:)`` changes the parent).
    ///
    /// Checks, collecting every failure: the unit exists (E208) inside the
    /// scope (E250); the name (E203); the office exists (E209). The audit
    /// row (`updateUnit`) holds the old and the new value of each field
    /// that changed; a change that changes nothing writes nothing.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - code: The unit.
    ///   - changes: The new name and/or office.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The unit as changed.
    /// - Throws: ``ValidationError`` (E208, E250, E203, E209).
    @discardableResult
    public func update(_ db: Database, code: String, _ changes: UnitChanges, context: WriteContext) throws -> Unit {
        let unit = try visibleUnit(db, code: code, field: "code")
        let subject = ValidationFailure.Subject.unit(code)
        var failures = FailureCollector()
        if let newName = changes.name {
            let name = CodeRules.nameLength(newName, maximum: 100)
            if !name.ok {
                failures.add(.nameInvalid, field: "name", value: .plain(newName), subject: subject, ["count": String(name.count)])
            }
        }
        if case .some(.some(let officeCode)) = changes.officeCode, try !UnitStore.officeExists(db, code: officeCode) {
            failures.add(.officeUnknown, field: "office", value: .plain(officeCode), subject: subject, ["code": officeCode])
        }
        try failures.throwIfAny()
        var updated = unit
        if let name = changes.name { updated.name = name }
        if let officeCode = changes.officeCode { updated.officeCode = officeCode }
        guard updated != unit else { return unit }
        var summary: [String: AuditValue] = [:]
        if updated.name != unit.name {
            summary["name"] = .text(updated.name)
            summary["oldName"] = .text(unit.name)
        }
        if updated.officeCode != unit.officeCode {
            summary["office"] = .text(updated.officeCode)
            summary["oldOffice"] = .text(unit.officeCode)
        }
        try db.inSavepoint {
            try UnitStore.update(db, code: code, name: updated.name, officeCode: updated.officeCode)
            try AuditLog.record(db, context: context, action: "update", operation: "updateUnit", table: "unit",
                                rowKey: code, summary: summary)
            return .commit
        }
        return updated
    }

    /// Closes a unit on a date: after it, no member of the unit or of any
    /// unit below it may be enrolled (E217, whether one by one, as a group
    /// or by import). Its members, policies and children stay until they
    /// are transferred or moved.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - code: The unit.
    ///   - date: The last day enrolments are taken.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The closed unit.
    /// - Throws: ``ValidationError`` (E208, E250, E218 already closed).
    @discardableResult
    public func close(_ db: Database, code: String, on date: CivilDate, context: WriteContext) throws -> Unit {
        var unit = try visibleUnit(db, code: code, field: "code")
        if let closed = unit.closedOn {
            throw ValidationError(ValidationFailure(.unitAlreadyClosed, field: "code", value: .plain(code),
                                                    subject: .unit(code), ["code": code, "date": closed.description]))
        }
        unit.closedOn = date
        try db.inSavepoint {
            try UnitStore.close(db, code: code, on: date)
            try AuditLog.record(db, context: context, action: "update", operation: "closeUnit", table: "unit",
                                rowKey: code, summary: ["closedOn": .text(date.description)])
            return .commit
        }
        return unit
    }

    /// The failure of enrolling into a unit on a date when the unit, or a
    /// unit above it, closed before that date (E217, naming the closed unit
    /// and its closing day); `nil` when enrolments are open.
    func closedFailure(_ db: Database, unitCode: String, on date: CivilDate, field: String,
                       subject: ValidationFailure.Subject) throws -> ValidationFailure? {
        guard let path = try UnitStore.path(db, code: unitCode) else { return nil }
        let codes = path.split(separator: "/").map(String.init)
        guard let closed = try UnitStore.closedBefore(db, codes: codes, date: date) else { return nil }
        return ValidationFailure(.unitClosed, field: field, value: .plain(unitCode), subject: subject,
                                 ["unit": closed.code, "date": closed.closedOn.description])
    }

    /// Sets a unit's number of employees for a year (insert or replace).
    ///
    /// The audit row is an `insert` for a new year and an `update` holding
    /// the old count (`old`) beside the new one (`employees`) for a year
    /// already recorded.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - unitCode: The unit.
    ///   - year: The calendar year, 1900–9999.
    ///   - employees: 0 or more.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The stored headcount.
    /// - Throws: ``ValidationError`` (E208, E250, E211, E212).
    @discardableResult
    public func setHeadcount(_ db: Database, unitCode: String, year: Int, employees: Int,
                             context: WriteContext) throws -> UnitHeadcount {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.unit(unitCode)
        try failures.capture(field: "unit") { _ = try visibleUnit(db, code: unitCode, field: "unit") }
        if employees < 0 {
            failures.add(.headcountInvalid, field: "employees", value: .plain(String(employees)), subject: subject,
                         ["count": String(employees)])
        }
        if !(1900...9999).contains(year) {
            failures.add(.headcountYearInvalid, field: "year", value: .plain(String(year)), subject: subject,
                         ["year": String(year)])
        }
        try failures.throwIfAny()
        let headcount = UnitHeadcount(unitCode: unitCode, year: year, employees: employees)
        let old = try UnitStore.headcount(db, unitCode: unitCode, year: year)
        var summary: [String: AuditValue] = ["employees": .integer(Int64(employees))]
        if let old { summary["old"] = .integer(Int64(old)) }
        try db.inSavepoint {
            try UnitStore.save(db, headcount)
            try AuditLog.record(db, context: context, action: old == nil ? "insert" : "update", operation: "setHeadcount",
                                table: "unitHeadcount", rowKey: "\(unitCode)/\(year)", summary: summary)
            return .commit
        }
        return headcount
    }

    // MARK: - Reads

    /// The unit with a code, or `nil` if there is none or it is outside the scope.
    public func unit(_ db: Database, code: String) throws -> Unit? {
        guard let unit = try UnitStore.unit(db, code: code), try scope.contains(code, in: db) else { return nil }
        return unit
    }

    /// The units matching a filter, streamed in path order (a parent before its children).
    ///
    /// ```swift
    /// let cursor = try units.units(db, UnitFilter(under: "BH"))
    /// while let unit = try cursor.next() { print(unit.path) }
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - filter: The subtree and kind to show.
    /// - Returns: A cursor; use it inside the database access that gave `db`.
    /// - Throws: ``ValidationError`` for an unknown or out-of-scope unit.
    public func units(_ db: Database, _ filter: UnitFilter = UnitFilter()) throws -> RecordCursor<Unit> {
        try UnitStore.units(db, try scope.range(narrowedTo: filter.under, in: db), kind: filter.kind)
    }

    /// The number of units matching a filter.
    public func count(_ db: Database, _ filter: UnitFilter = UnitFilter()) throws -> Int {
        try UnitStore.count(db, try scope.range(narrowedTo: filter.under, in: db), kind: filter.kind)
    }

    /// A unit's number of employees in a year, or `nil` if not recorded
    /// (or the unit is outside the scope).
    public func headcount(_ db: Database, unitCode: String, year: Int) throws -> Int? {
        guard try scope.contains(unitCode, in: db) else { return nil }
        return try UnitStore.headcount(db, unitCode: unitCode, year: year)
    }

    /// The total employees of a unit's subtree in a year (units without a
    /// recorded count add 0).
    public func subtreeHeadcount(_ db: Database, under unitCode: String, year: Int) throws -> Int {
        try UnitStore.employees(db, in: try scope.range(narrowedTo: unitCode, in: db), year: year)
    }

    /// The unit with a code inside the scope, or a failure (E208 / E250).
    func visibleUnit(_ db: Database, code: String, field: String) throws -> Unit {
        guard let unit = try UnitStore.unit(db, code: code) else {
            throw ValidationError(ValidationFailure(.unitUnknown, field: field, value: .plain(code), ["code": code]))
        }
        if let failure = try scope.failure(writingTo: code, field: field, in: db) { throw ValidationError(failure) }
        return unit
    }
}
