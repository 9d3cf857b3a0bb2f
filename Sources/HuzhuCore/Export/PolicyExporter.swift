import GRDB

/// Writes policies to CSV, streaming from the database in constant memory.
///
/// Columns: `resident_id,plan,term,shares,unit,start,end,contribution,
/// administration,union,member,status,enrolled_on` — the policies import's
/// columns first. Money is in yuan with two decimals (`26.00`); the
/// resident ID is masked unless ``ExportOptions/unmasked``.
///
/// ```swift
/// try PolicyExporter().export(db, PolicyFilter(unit: "BH", planCode: "ACC", year: 2012), to: writer)
/// ```
public struct PolicyExporter: Sendable {
    /// The header row.
    public static let columns = ["resident_id", "plan", "term", "shares", "unit", "start", "end", "contribution",
                                 "administration", "union", "member", "status", "enrolled_on"]

    /// The part of the tree that may be exported.
    public let scope: Scope
    /// Masking and Excel text.
    public var options: ExportOptions

    /// Creates an exporter.
    public init(scope: Scope = .everything, options: ExportOptions = ExportOptions()) {
        self.scope = scope
        self.options = options
    }

    /// Writes the header and every policy matching `filter`.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - filter: Unit subtree (the enrolling unit), plan, year, status, member.
    ///   - writer: Where to write; the caller closes it.
    /// - Returns: The number of policies written.
    /// - Throws: ``ValidationError`` for an unknown or out-of-scope filter
    ///   unit; a database or write error.
    @discardableResult
    public func export(_ db: Database, _ filter: PolicyFilter = PolicyFilter(), to writer: CSVWriter) throws -> Int {
        let cursor = try EnrollmentService(scope: scope).policies(db, filter)
        try writer.writeRow(Self.columns)
        var count = 0
        while let detail = try cursor.next() {
            let policy = detail.policy
            try writer.writeRow([
                options.residentID(detail.residentID.value), policy.planCode, detail.termLabel, String(policy.shares),
                policy.unitCode, policy.startDate.description, policy.endDate.description,
                policy.contribution.description, policy.split.administration.description,
                policy.split.union.description, policy.split.member.description, policy.status.rawValue,
                policy.enrolledOn.description,
            ])
            count += 1
        }
        return count
    }
}
