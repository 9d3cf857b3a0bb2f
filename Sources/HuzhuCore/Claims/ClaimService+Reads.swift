import GRDB

extension ClaimService {
    // MARK: - Reads

    /// The claim with a row id and all that is recorded about it, or `nil`
    /// if none or outside the scope.
    public func claim(_ db: Database, id: Int64) throws -> ClaimDetail? {
        guard let claim = try Claim.fetchOne(db, key: id), try scope.contains(claim.unitCode, in: db) else { return nil }
        let row = try Row.fetchOne(db, sql: """
            SELECT member.residentID, planTerm.label FROM member, planTerm WHERE member.id = ? AND planTerm.id = ?
            """, arguments: [claim.memberID, claim.planTermID])!
        return ClaimDetail(claim: claim, residentID: row[0], termLabel: row[1], documents: try documents(db, claimID: id),
                           reviews: try reviews(db, claimID: id), events: try events(db, claimID: id),
                           payment: try ClaimPayment.fetchOne(db, key: id))
    }

    /// The claims matching a filter, in id order, streamed in constant memory.
    ///
    /// - Returns: A cursor, valid inside the database access that gave `db`.
    /// - Throws: ``ValidationError`` E208 / E250 for a bad filter unit.
    public func claims(_ db: Database, _ filter: ClaimFilter = ClaimFilter()) throws -> RecordCursor<Claim> {
        try Claim.fetchCursor(db, request(try conditions(db, filter), suffix: "ORDER BY claim.id"))
    }

    /// Up to `limit` claims matching a filter with an id above `after`, in
    /// id order (for callers that write between pages).
    public func page(_ db: Database, _ filter: ClaimFilter = ClaimFilter(), after: Int64?, limit: Int) throws -> [Claim] {
        var conditions = try conditions(db, filter)
        if let after { conditions.append("claim.id > \(after)") }
        return try Claim.fetchAll(db, request(conditions, suffix: "ORDER BY claim.id LIMIT \(limit)"))
    }

    /// The number of claims matching a filter.
    public func count(_ db: Database, _ filter: ClaimFilter = ClaimFilter()) throws -> Int {
        var sql: SQL = "SELECT COUNT(*) FROM claim"
        let conditions = try conditions(db, filter)
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        return try Int.fetchOne(db, SQLRequest<Int>(literal: sql)) ?? 0
    }

    /// Claims that have waited at one step (reported, under review, or
    /// approved and unpaid) more than `days` days by `asOf`, longest
    /// waiting first, within the scope.
    ///
    /// ```swift
    /// // reported 2012-09-01, never taken up; on 2012-10-15 it has waited 44 days
    /// try claims.overdue(db, days: 30, asOf: try CivilDate(parsing: "2012-10-15"))
    /// ```
    public func overdue(_ db: Database, days: Int, asOf: CivilDate) throws -> [OverdueClaim] {
        var conditions = try conditions(db, ClaimFilter())
        conditions.append("claim.status IN ('reported', 'underReview', 'approved')")
        conditions.append("claim.statusSince < \(asOf.adding(days: -days))")
        return try Claim.fetchAll(db, request(conditions, suffix: "ORDER BY claim.statusSince, claim.id")).map {
            OverdueClaim(claim: $0, since: $0.statusSince, days: $0.statusSince.days(until: asOf))
        }
    }

    /// A claim's documents checklist, in checklist order, extras last.
    public func documents(_ db: Database, claimID: Int64) throws -> [ClaimDocumentStatus] {
        let rows = try ClaimDocumentStatus.filter(ClaimDocumentStatus.Columns.claimID == claimID).fetchAll(db)
        let order = Dictionary(uniqueKeysWithValues: ClaimDocument.allCases.enumerated().map { ($1, $0) })
        return rows.sorted { a, b in
            a.required != b.required ? a.required : order[a.document]! < order[b.document]!
        }
    }

    /// A claim's review rounds, first first.
    public func reviews(_ db: Database, claimID: Int64) throws -> [ClaimReview] {
        try ClaimReview.filter(ClaimReview.Columns.claimID == claimID).order(ClaimReview.Columns.round).fetchAll(db)
    }

    /// A claim's transitions, oldest first.
    public func events(_ db: Database, claimID: Int64) throws -> [ClaimEvent] {
        try ClaimEvent.filter(ClaimEvent.Columns.claimID == claimID).order(ClaimEvent.Columns.id).fetchAll(db)
    }

    // MARK: - Helpers

    /// The claim, refusing an unknown one or one outside the scope (both E601: a scoped caller cannot tell them apart).
    func visibleClaim(_ db: Database, id: Int64) throws -> Claim {
        guard let claim = try Claim.fetchOne(db, key: id), try scope.contains(claim.unitCode, in: db) else {
            throw ValidationError(ValidationFailure(.claimUnknown, field: "claim", value: .plain(String(id)),
                                                    ["id": String(id)]))
        }
        return claim
    }

    func conditions(_ db: Database, _ filter: ClaimFilter) throws -> [SQL] {
        var conditions: [SQL] = []
        if let condition = try scope.range(narrowedTo: filter.unit, in: db).condition(on: "claim.unitCode") {
            conditions.append(condition)
        }
        if let status = filter.status { conditions.append("claim.status = \(status.rawValue)") }
        if let planCode = filter.planCode { conditions.append("claim.planCode = \(planCode)") }
        if let from = filter.from { conditions.append("claim.reportedOn >= \(from)") }
        if let to = filter.to { conditions.append("claim.reportedOn <= \(to)") }
        if let policyID = filter.policyID { conditions.append("claim.policyID = \(policyID)") }
        if let residentID = filter.residentID {
            let key = MemberService.key(residentID) ?? residentID
            conditions.append("claim.memberID = (SELECT id FROM member WHERE residentID = \(key))")
        }
        return conditions
    }

    private func request(_ conditions: [SQL], suffix: SQL) -> SQLRequest<Claim> {
        var sql: SQL = "SELECT claim.* FROM claim"
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        return SQLRequest(literal: sql + " " + suffix)
    }
}
