import GRDB

/// What ``MemberService/registerInBulk(_:_:context:maximumFailures:)`` stored.
public struct BulkRegistration: Hashable, Sendable {
    /// The number of members registered.
    public var count: Int
    /// The row ids given to them, in the order of the drafts (SQLite gives
    /// consecutive ids inside one transaction); `nil` when there were none.
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
    /// What differs from calling `register` in a loop is only the cost:
    /// the unit checks are answered once per unit, the statements are
    /// prepared once, and the audit trail gets **one row for the whole
    /// call** (operation `registerMembers`, table `member`, the row key
    /// `FIRST-LAST` naming the id range, and the count) instead of one row
    /// per member.
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
        let exists = try PreparedInsert(db, sql: "SELECT 1 FROM member WHERE residentID = ?")
        let insert = try PreparedInsert(db, sql: """
            INSERT INTO member (residentID, name, gender, birthDate, unitCode, phone, hardship, status, joinedOn)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var unitFailures: [String: ValidationFailure?] = [:]
        var failures: [ValidationFailure] = []
        var count = 0
        var first: Int64?, last: Int64?
        var units = Set<String>()
        try db.inSavepoint {
            for draft in drafts {
                let checked = try check(draft, today: context.today, isRegistered: { residentID in
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
                insert.bind(residentID.value, at: 1)
                insert.bind(draft.name, at: 2)
                insert.bind(residentID.gender.rawValue, at: 3)
                insert.bind(residentID.birthDate.description, at: 4)
                insert.bind(draft.unitCode, at: 5)
                insert.bind(checked.phone?.value, at: 6)
                insert.bind(draft.hardship ? 1 : 0, at: 7)
                insert.bind(MemberStatus.active.rawValue, at: 8)
                insert.bind(checked.joinedOn.description, at: 9)
                let id = try insert.run()
                if first == nil { first = id }
                last = id
                count += 1
                units.insert(draft.unitCode)
            }
            guard failures.isEmpty else { return .rollback }
            if let first, let last {
                try AuditLog.record(db, context: context, action: "insert", operation: "registerMembers",
                                    table: "member", rowKey: "\(first)-\(last)", summary: [
                                        "count": .integer(Int64(count)), "units": .integer(Int64(units.count)),
                                    ])
            }
            return .commit
        }
        if !failures.isEmpty { throw ValidationError(failures) }
        return BulkRegistration(count: count, ids: first.flatMap { first in last.map { first...$0 } })
    }
}
