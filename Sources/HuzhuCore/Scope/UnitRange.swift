import GRDB

/// A set of units that a query is limited to: all of them, or one subtree.
///
/// A subtree is matched on the materialized `unit.path` as the range
/// `path >= "/FED/BH/" AND path < "/FED/BH0"` — the same rows as
/// `LIKE '/FED/BH/%'`, but exact about case and served by the unique index
/// on `path` (SQLite only uses an index for `LIKE` on NOCASE columns).
/// This works because codes never contain `/`, and `0` is the character
/// right after `/`.
public enum UnitRange: Hashable, Sendable {
    /// Every unit.
    case all
    /// The units whose path starts with this path (a unit and its descendants).
    case subtree(String)

    /// The SQL condition on `unit.path`, `nil` for all units.
    var pathCondition: SQL? {
        guard case .subtree(let path) = self else { return nil }
        let upper = String(path.dropLast()) + "0"
        return "path >= \(path) AND path < \(upper)"
    }

    /// A condition for rows whose unit-code column lies in the range,
    /// `nil` when every unit is in it.
    ///
    /// - Parameter column: The column holding a unit code, e.g. `member.unitCode`.
    func condition(on column: String) -> SQL? {
        guard let pathCondition else { return nil }
        return "\(sql: column) IN (SELECT code FROM unit WHERE \(pathCondition))"
    }
}
