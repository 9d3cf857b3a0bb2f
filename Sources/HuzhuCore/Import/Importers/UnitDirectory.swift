import GRDB

/// Every unit's code and whether it lies inside a scope, read once per
/// import: checking a member's unit is then a dictionary lookup.
struct UnitDirectory {
    private var inScope: [String: Bool] = [:]
    let scope: Scope

    /// Reads the units.
    ///
    /// - Throws: ``ValidationError`` E208 when the scope's unit does not exist.
    init(_ db: Database, scope: Scope) throws {
        self.scope = scope
        let range = try scope.range(in: db)
        var scopePath: String?
        if case .subtree(let path) = range { scopePath = path }
        var inScope: [String: Bool] = [:]
        try UnitStore.codesAndPaths(db) { code, path in
            inScope[code] = scopePath.map { path.hasPrefix($0) } ?? true
        }
        self.inScope = inScope
    }

    /// The failure for a unit code, or `nil` when it exists inside the scope
    /// (E208 unknown, E250 outside the scope).
    func failure(_ code: String, field: String = "unit") -> ValidationFailure? {
        switch inScope[code] {
        case true?: return nil
        case false?:
            return ValidationFailure(.outOfScope, field: field, value: .plain(code),
                                     ["unit": code, "scope": scope.unitCode ?? ""])
        case nil:
            return ValidationFailure(.unitUnknown, field: field, value: .plain(code), ["code": code])
        }
    }
}
