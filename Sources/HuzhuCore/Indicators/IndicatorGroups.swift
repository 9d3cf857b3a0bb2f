import GRDB

/// Which units' figures to compute together: one unit's subtree, or every
/// unit of a kind (each with its own subtree) — an appraisal's level.
///
/// Both become the same SQL: a table `grp(unitCode, groupCode)` mapping
/// each unit to the unit whose figures it adds to, so that one pass over
/// the policies and claims serves every group.
public enum IndicatorGroups: Hashable, Sendable {
    /// One unit and its descendants.
    case subtree(String)
    /// Every unit of a kind inside the scope, each with its descendants.
    case level(UnitKind)

    /// The `WITH grp(unitCode, groupCode) AS (…)` clause, the group codes in
    /// path order, and where to read the policies with their `groupCode`.
    func table(_ db: Database, scope: Scope) throws -> (with: SQL, codes: [String], policies: SQL) {
        switch self {
        case .subtree(let code):
            guard case .subtree(let path) = try scope.range(narrowedTo: code, in: db),
                  let unit = try Unit.fetchOne(db, key: code) else {
                throw ValidationError(ValidationFailure(.unitUnknown, field: "unit", value: .plain(code), ["code": code]))
            }
            // A scope narrower than the unit shows the scope's subtree, reported as the scope's unit.
            let top = path == unit.path ? code : (try String.fetchOne(db, sql: "SELECT code FROM unit WHERE path = ?",
                                                                      arguments: [path]) ?? code)
            let upper = String(path.dropLast()) + "0"
            let with: SQL = "WITH grp(unitCode, groupCode) AS (SELECT code, \(top) FROM unit WHERE path >= \(path) AND path < \(upper)) "
            return (with, [top], "grp CROSS JOIN policy ON policy.unitCode = grp.unitCode")
        case .level(let kind):
            var heads: SQL = "SELECT code, path FROM unit WHERE kind = \(kind.rawValue)"
            if let condition = try scope.range(in: db).pathCondition { heads = heads + " AND " + condition }
            let codes = try String.fetchAll(db, SQLRequest<String>(literal: "SELECT code FROM (\(heads)) ORDER BY path"))
            let with: SQL = """
                WITH heads AS (\(heads)),
                grp(unitCode, groupCode) AS MATERIALIZED (
                  SELECT u.code, heads.code FROM heads JOIN unit u
                  ON u.path >= heads.path AND u.path < substr(heads.path, 1, length(heads.path) - 1) || '0'
                ) 
                """
            // When no unit of the level has units under it (grassroots unions,
            // usually), a policy's group is its own unit: group the policies by
            // unit, in the order of their unit index, with no join at all.
            // Otherwise scan the policies once, looking each up in the group
            // table (SQLite builds an automatic index on it).
            let units = try Int.fetchOne(db, SQLRequest<Int>(literal: with + "SELECT COUNT(*) FROM grp")) ?? 0
            let policies: SQL = units == codes.count
                ? "(SELECT policy.*, policy.unitCode AS groupCode FROM policy) AS policy"
                : "policy CROSS JOIN grp ON grp.unitCode = policy.unitCode"
            return (with, codes, policies)
        }
    }

}
