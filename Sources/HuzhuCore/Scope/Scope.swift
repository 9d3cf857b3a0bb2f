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

    /// Whether a unit is inside the scope (an unknown unit is not).
    ///
    /// - Parameters:
    ///   - unitCode: The unit's code.
    ///   - db: A connection.
    public func contains(_ unitCode: String, in db: Database) throws -> Bool {
        guard let scopeCode = self.unitCode else { return true }
        guard let scopePath = try String.fetchOne(db, sql: "SELECT path FROM unit WHERE code = ?", arguments: [scopeCode]),
              let path = try String.fetchOne(db, sql: "SELECT path FROM unit WHERE code = ?", arguments: [unitCode])
        else { return false }
        return path.hasPrefix(scopePath)
    }

    private func outside(_ unit: String, field: String) -> ValidationFailure {
        ValidationFailure(.outOfScope, field: field, value: .plain(unit),
                          ["unit": unit, "scope": unitCode ?? ""])
    }

    private static func path(of code: String, field: String, in db: Database) throws -> String {
        guard let path = try String.fetchOne(db, sql: "SELECT path FROM unit WHERE code = ?", arguments: [code]) else {
            throw ValidationError(ValidationFailure(.unitUnknown, field: field, value: .plain(code), ["code": code]))
        }
        return path
    }
}
