import GRDB

/// What part of the federation a caller may see and change: everything,
/// or one unit's subtree.
///
/// A scoped service treats everything outside the subtree as invisible to
/// reads (a get returns `nil`, a listing skips it) and refuses writes that
/// touch it (E250). All of this goes through ``UnitRange`` and
/// ``Scope/range(narrowedTo:in:)``, the one place where scope and unit
/// filters meet.
///
/// ```swift
/// let services = Services(scope: .unit("BH"))   // 包河区 and below only
/// ```
public struct Scope: Hashable, Sendable {
    /// The code of the unit at the top of the visible subtree; `nil` for everything.
    public let unitCode: String?

    /// Creates a scope.
    ///
    /// - Parameter unitCode: The subtree's top unit, or `nil` for everything.
    public init(unitCode: String?) {
        self.unitCode = unitCode
    }

    /// No restriction.
    public static let everything = Scope(unitCode: nil)

    /// One unit's subtree.
    public static func unit(_ code: String) -> Scope { Scope(unitCode: code) }

    /// The units visible through this scope, narrowed to a unit filter.
    ///
    /// - Both unset: all units.
    /// - A filter unit inside the scope: its subtree.
    /// - A filter unit that contains the scope's unit: the scope's subtree.
    /// - A filter unit outside the scope: refused (E250), as for writes.
    ///
    /// - Parameters:
    ///   - filterUnit: A unit code from a filter (`unit = "BH"`), or `nil`.
    ///   - db: A connection.
    /// - Returns: The range of units to show.
    /// - Throws: ``ValidationError`` E208 for an unknown unit (the scope's
    ///   own unit included), E250 for a filter unit outside the scope.
    public func range(narrowedTo filterUnit: String? = nil, in db: Database) throws -> UnitRange {
        let scopePath = try unitCode.map { try Scope.path(of: $0, field: "scope", in: db) }
        guard let filterUnit else { return scopePath.map(UnitRange.subtree) ?? .all }
        let filterPath = try Scope.path(of: filterUnit, field: "unit", in: db)
        guard let scopePath else { return .subtree(filterPath) }
        if filterPath.hasPrefix(scopePath) { return .subtree(filterPath) }
        if scopePath.hasPrefix(filterPath) { return .subtree(scopePath) }
        throw ValidationError(outside(filterUnit, field: "unit"))
    }

    /// Refuses a write that touches a unit outside the scope.
    ///
    /// - Parameters:
    ///   - unitCode: The unit written to, or the unit of the member or policy written.
    ///   - field: The input field naming it, for the failure.
    ///   - db: A connection.
    /// - Returns: `nil` if the unit is inside the scope, else an E250 failure.
    /// - Throws: A database error.
    public func failure(writingTo unitCode: String, field: String, in db: Database) throws -> ValidationFailure? {
        guard try !contains(unitCode, in: db) else { return nil }
        return outside(unitCode, field: field)
    }

    /// Refuses an operation only the whole federation may do (E251): appraisal
    /// runs and confirmation, rule activation, plans, terms and offices.
    ///
    /// - Parameters:
    ///   - operation: The operation's audit name (`runAppraisal`, `createPlan` …).
    ///   - field: The input field naming what it is about.
    ///   - value: That field's value.
    ///   - subject: The record it is about, if any.
    /// - Returns: `nil` for an unscoped caller, else an E251 failure.
    public func failure(federationOperation operation: String, field: String, value: ShownValue? = nil,
                        subject: ValidationFailure.Subject? = nil) -> ValidationFailure? {
        guard let scopeCode = unitCode else { return nil }
        return ValidationFailure(.federationOperation, field: field, value: value, subject: subject,
                                 ["operation": operation, "scope": scopeCode])
    }

    /// Refuses setting something a superior union decides for a unit — its
    /// target, its subsidy budget — unless the unit lies strictly inside the
    /// scope: the scope's own unit and those above it get E252, units
    /// elsewhere E250. An unknown unit passes (the caller reports it).
    ///
    /// - Parameters:
    ///   - operation: The operation's audit name (`setTarget`, `setSubsidyBudget`).
    ///   - unitCode: The unit it is set for.
    ///   - field: The input field naming the unit.
    ///   - db: A connection.
    /// - Returns: `nil` when allowed, else the failure.
    public func failure(setting operation: String, for unitCode: String, field: String,
                        in db: Database) throws -> ValidationFailure? {
        guard let scopeCode = self.unitCode,
              let path = try UnitStore.path(db, code: unitCode)
        else { return nil }
        let scopePath = try Scope.path(of: scopeCode, field: "scope", in: db)
        if path.hasPrefix(scopePath), path != scopePath { return nil }
        guard scopePath.hasPrefix(path) else { return outside(unitCode, field: field) }
        return ValidationFailure(.scopeRootOperation, field: field, value: .plain(unitCode), subject: .unit(unitCode),
                                 ["operation": operation, "scope": scopeCode])
    }

    /// Whether a unit is inside the scope (an unknown unit is not).
    ///
    /// - Parameters:
    ///   - unitCode: The unit's code.
    ///   - db: A connection.
    public func contains(_ unitCode: String, in db: Database) throws -> Bool {
        guard let scopeCode = self.unitCode else { return true }
        guard let scopePath = try UnitStore.path(db, code: scopeCode), let path = try UnitStore.path(db, code: unitCode)
        else { return false }
        return path.hasPrefix(scopePath)
    }

    private func outside(_ unit: String, field: String) -> ValidationFailure {
        ValidationFailure(.outOfScope, field: field, value: .plain(unit),
                          ["unit": unit, "scope": unitCode ?? ""])
    }

    private static func path(of code: String, field: String, in db: Database) throws -> String {
        guard let path = try UnitStore.path(db, code: code) else {
            throw ValidationError(ValidationFailure(.unitUnknown, field: field, value: .plain(code), ["code": code]))
        }
        return path
    }
}
