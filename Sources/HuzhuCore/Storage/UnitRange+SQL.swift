import GRDB

/// The SQL of a ``UnitRange`` (the path range its documentation explains),
/// for the stores' queries.
extension UnitRange {
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
