import GRDB

/// The one fast way rows are inserted in bulk: an `INSERT … VALUES` of
/// ``rowsPerStatement`` rows at once (SQLite's per-statement work — the
/// AUTOINCREMENT bookkeeping among it — paid once per 64 rows instead of
/// once per row), and a one-row statement for the rest. Values are bound
/// through ``RawStatement`` (no argument arrays, no boxed values; texts may
/// be bound in place with ``RawStatement/bindStatic(_:count:at:)``).
///
/// Used by the members import, ``MemberService/registerInBulk(_:_:context:maximumFailures:)``
/// (both through ``MemberBulkWriter``) and ``EnrollmentService/enrollUnitInBulk(_:_:context:)``.
///
/// ```swift
/// let insert = try BatchInsert(db, table: "policy", columns: ["memberID", "planCode"])
/// try insert.insert(count: ids.count) { statement, index, _, offset in
///     statement.bind(ids[index], at: offset + 1)
///     statement.bind("ACC", at: offset + 2)
/// }
/// ```
struct BatchInsert {
    /// Rows per multi-row statement.
    static let rowsPerStatement = 64

    /// The number of columns (parameters per row).
    let columns: Int
    private let single: RawStatement
    private let batch: RawStatement

    /// Prepares the two statements.
    ///
    /// - Parameters:
    ///   - db: The connection.
    ///   - table: The table.
    ///   - columns: The columns bound per row.
    ///   - values: One row's value list, `?` for each bound column (constants allowed); by default all `?`.
    ///   - cached: Reuse the connection's statements (a path called once per unit).
    init(_ db: Database, table: String, columns: [String], values: String? = nil, cached: Bool = false) throws {
        let row = "(" + (values ?? Array(repeating: "?", count: columns.count).joined(separator: ", ")) + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        self.columns = row.reduce(0) { $1 == "?" ? $0 + 1 : $0 }
        single = try RawStatement(db, sql: head + row, cached: cached)
        batch = try RawStatement(db, sql: head + Array(repeating: row, count: Self.rowsPerStatement)
            .joined(separator: ", "), cached: cached)
    }

    /// Inserts `count` rows, asking `bind` for each: the statement, the
    /// row's index (0‥count-1, in order), its place in the statement
    /// (0‥63, e.g. for a scratch slot) and the offset to add to its 1-based
    /// parameter numbers. Rows get consecutive row ids in order.
    ///
    /// - Returns: The row ids given, `nil` when `count` is 0.
    /// - Throws: `DatabaseError` when SQLite refuses a row.
    @discardableResult
    func insert(count: Int, bind: (RawStatement, Int, Int, Int32) -> Void) throws -> ClosedRange<Int64>? {
        guard count > 0 else { return nil }
        var next = 0
        while next < count {
            let rows = count - next >= Self.rowsPerStatement ? Self.rowsPerStatement : 1
            let statement = rows == 1 ? single : batch
            for row in 0..<rows { bind(statement, next + row, row, Int32(row * columns)) }
            try statement.execute()
            next += rows
        }
        let last = single.lastInsertedRowID
        return (last - Int64(count) + 1)...last
    }
}
