import GRDB

/// Which units' figures to compute together: one unit's subtree, or every
/// unit of one or more kinds (each with its own subtree) — an appraisal's level.
///
/// Both become the same SQL: a table `grp(unitCode, groupCode)` mapping
/// each unit to the unit whose figures it adds to, so that one pass over
/// the policies and claims serves every group.
public enum IndicatorGroups: Hashable, Sendable {
    /// One unit and its descendants.
    case subtree(String)
    /// Every unit of a kind inside the scope, each with its descendants.
    case level(UnitKind)
    /// Every unit of any of the kinds inside the scope, each with its
    /// descendants (an appraisal ranking several kinds together).
    case kinds([UnitKind])

    /// The group table (``IndicatorStore/Groups``) and the group codes in path order.
    ///
    /// - Throws: ``ValidationError``: an unknown (E208) or out-of-scope (E250) unit.
    func table(_ db: Database, scope: Scope) throws -> (groups: IndicatorStore.Groups, codes: [String]) {
        switch self {
        case .subtree(let code):
            guard case .subtree(let path) = try scope.range(narrowedTo: code, in: db),
                  let unit = try UnitStore.unit(db, code: code) else {
                throw ValidationError(ValidationFailure(.unitUnknown, field: "unit", value: .plain(code), ["code": code]))
            }
            // A scope narrower than the unit shows the scope's subtree, reported as the scope's unit.
            let top = path == unit.path ? code : (try UnitStore.code(db, path: path) ?? code)
            return (IndicatorStore.subtree(top: top, path: path), [top])
        case .level(let kind):
            return try IndicatorGroups.kinds([kind]).table(db, scope: scope)
        case .kinds(let kinds):
            let (groups, codes) = try IndicatorStore.level(db, kinds: kinds, in: try scope.range(in: db))
            return (groups, codes)
        }
    }
}
