/// A set of units that a query is limited to: all of them, or one subtree.
///
/// A subtree is matched on the materialized `unit.path` as the range
/// `path >= "/FED/BH/" AND path < "/FED/BH0"` — the same rows as
/// `LIKE '/FED/BH/%'`, but exact about case and served by the unique index
/// on `path` (SQLite only uses an index for `LIKE` on NOCASE columns).
/// This works because codes never contain `/`, and `0` is the character
/// right after `/`. The conditions are in `Storage/UnitRange+SQL.swift`.
public enum UnitRange: Hashable, Sendable {
    /// Every unit.
    case all
    /// The units whose path starts with this path (a unit and its descendants).
    case subtree(String)
}
