import GRDB

/// What ``MemberService/registerInBulk(_:_:context:maximumFailures:)`` stored.
public struct BulkRegistration: Hashable, Sendable {
    /// The number of members registered.
    public var count: Int
    /// The row ids given to them: consecutive, in the order of their
    /// resident IDs (not of the drafts); `nil` when there were none.
    public var ids: ClosedRange<Int64>?

    /// Creates a result.
    public init(count: Int, ids: ClosedRange<Int64>?) {
        self.count = count
        self.ids = ids
    }
}

// MARK: - Bulk registration

extension MemberService {
    /// Registers many members at once, all or nothing: the path for large
    /// loads (a city's members, the demo city), with the same checks as
    /// ``register(_:_:context:)``.
    ///
    /// Every draft passes every check of `register`, in the same order and
    /// with the same reason codes: the resident ID (E101–E107) is not
    /// registered yet, earlier drafts of the same call included (E302); the
    /// name (E301); the unit exists (E208) and lies inside the scope (E250);
    /// the phone (E111); an explicit gender (E303) or birth date (E304)
    /// agrees with the ID; the join date is not after today (E309) nor
    /// before the birth date (E310). Failures of all drafts are collected
    /// (up to `maximumFailures`) and thrown together; then nothing is written.
    ///
    /// What differs from calling `register` in a loop is only the cost and
    /// the order of the ids: the unit checks are answered once per unit,
    /// the "already registered" check by a set of the call's resident IDs
    /// plus one indexed query per draft (none when the table is empty), and
    /// the members are written by ``MemberBulkWriter`` — the members
    /// import's path: sorted by resident ID, 64 rows per statement, and for
    /// 50,000 or more the member table's secondary indexes rebuilt at the
    /// end. Ids are consecutive in resident-ID order. The audit trail gets
    /// **one row for the whole call** (operation `registerMembers`, table
    /// `member`, the row key `FIRST-LAST` naming the id range, and the
    /// count) instead of one row per member.
    ///
    /// ```swift
    /// let result = try database.write { db in
    ///     try members.registerInBulk(db, drafts, context: context)
    /// }
    /// result.count   // drafts.count
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - drafts: The members' fields as written; read once, in order.
    ///   - context: Operator, script and today's date.
    ///   - maximumFailures: Stop checking after this many failures (the
    ///     error lists them all).
    /// - Returns: How many were registered and their ids.
    /// - Throws: ``ValidationError`` with the failures of every refused draft.
    @discardableResult
    public func registerInBulk<Drafts: Sequence>(_ db: Database, _ drafts: Drafts, context: WriteContext,
                                                 maximumFailures: Int = 100) throws -> BulkRegistration
    where Drafts.Element == MemberDraft {
        let checkDatabase = try MemberStore.any(db)
        let exists = try MemberStore.registeredCheck(db)
        var unitFailures: [String: ValidationFailure?] = [:]
        var failures: [ValidationFailure] = []
        /// The first 17 digits of the resident IDs of the valid drafts so far.
        var seen = Set<UInt64>()
        seen.reserveCapacity(drafts.underestimatedCount)
        var units = Set<String>()
        var writer = try MemberBulkWriter(db, expectedRows: drafts.underestimatedCount)
        var ids: ClosedRange<Int64>?
        try db.inSavepoint {
            for draft in drafts {
                var key: UInt64 = 0
                let checked = try check(draft, today: context.today, isRegistered: { residentID in
                    key = FastResidentID.key(residentID)
                    // What `register` would find: a valid earlier draft of this call, or a stored member.
                    if seen.contains(key) { return true }
                    guard checkDatabase else { return false }
                    exists.bind(residentID.value, at: 1)
                    return try exists.hasRow()
                }, unitFailure: { unitCode in
                    if let known = unitFailures[unitCode] { return known }
                    let failure = try unitFailure(db, unitCode)
                    unitFailures[unitCode] = failure
                    return failure
                })
                guard checked.failures.isEmpty, let residentID = checked.residentID else {
                    failures.append(contentsOf: checked.failures.failures)
                    if failures.count >= maximumFailures { break }
                    continue
                }
                seen.insert(key)
                guard failures.isEmpty else { continue }   // nothing will be written: only check the rest
                units.insert(draft.unitCode)
                writer.append(BulkMember(id: FastResidentID(residentID), name: draft.name, unit: draft.unitCode,
                                         phone: checked.phone?.value, hardship: draft.hardship,
                                         joinedOn: checked.joinedOn))
                if writer.isFull { try writer.flush() }
            }
            guard failures.isEmpty else {
                writer.abandon()
                return .rollback
            }
            do { try writer.finish() } catch {
                writer.abandon()
                throw error
            }
            ids = writer.ids
            if let ids {
                try AuditLog.record(db, context: context, action: "insert", operation: "registerMembers",
                                    table: "member", rowKey: "\(ids.lowerBound)-\(ids.upperBound)", summary: [
                                        "count": .integer(Int64(ids.count)), "units": .integer(Int64(units.count)),
                                    ])
            }
            return .commit
        }
        if !failures.isEmpty { throw ValidationError(failures) }
        return BulkRegistration(count: ids?.count ?? 0, ids: ids)
    }
}
