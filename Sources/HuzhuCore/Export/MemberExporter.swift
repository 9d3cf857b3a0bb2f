import GRDB

/// Writes members to CSV, streaming from the database in constant memory.
///
/// Columns: `resident_id,name,gender,birth_date,unit,phone,hardship,status,joined_on`
/// — the members import's columns plus `gender`, `birth_date` and `status`,
/// which the import ignores. Resident IDs and phones are masked unless
/// ``ExportOptions/unmasked``; `hardship` is `1`/`0`; dates `YYYY-MM-DD`.
///
/// ```swift
/// let writer = try CSVWriter(url: out)
/// let count = try database.read { db in
///     try MemberExporter().export(db, MemberFilter(unit: "BH"), to: writer)
/// }
/// try writer.close()
/// ```
public struct MemberExporter: Sendable {
    /// The header row.
    public static let columns = ["resident_id", "name", "gender", "birth_date", "unit", "phone", "hardship", "status",
                                 "joined_on"]

    /// The part of the tree that may be exported.
    public let scope: Scope
    /// Masking and Excel text.
    public var options: ExportOptions

    /// Creates an exporter.
    public init(scope: Scope = .everything, options: ExportOptions = ExportOptions()) {
        self.scope = scope
        self.options = options
    }

    /// Writes the header and every member matching `filter`, in row id order.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - filter: Unit subtree, status, hardship.
    ///   - writer: Where to write; the caller closes it.
    /// - Returns: The number of members written.
    /// - Throws: ``ValidationError`` for an unknown (E208) or out-of-scope
    ///   (E250) filter unit; a database or write error.
    @discardableResult
    public func export(_ db: Database, _ filter: MemberFilter = MemberFilter(), to writer: CSVWriter) throws -> Int {
        let cursor = try MemberStore.members(db, try MemberService(scope: scope).range(db, filter), status: filter.status,
                                             hardship: filter.hardship, orderedByID: true)
        try writer.writeRow(Self.columns)
        var count = 0
        while let member = try cursor.next() {
            try writer.writeRow([
                options.residentID(member.residentID.value), member.name, member.gender.rawValue,
                member.birthDate.description, member.unitCode, options.phone(member.phone?.value),
                member.hardship ? "1" : "0", member.status.rawValue, member.joinedOn.description,
            ])
            count += 1
        }
        return count
    }
}
