import GRDB

extension ClaimService {
    // MARK: - Reads

    /// The claim with a row id and all that is recorded about it, or `nil`
    /// if none or outside the scope.
    public func claim(_ db: Database, id: Int64) throws -> ClaimDetail? {
        guard let claim = try ClaimStore.claim(db, id: id), try scope.contains(claim.unitCode, in: db) else { return nil }
        let (residentID, term) = try ClaimStore.residentIDAndTerm(db, memberID: claim.memberID, termID: claim.planTermID)
        return ClaimDetail(claim: claim, residentID: residentID, termLabel: term, documents: try documents(db, claimID: id),
                           reviews: try reviews(db, claimID: id), events: try events(db, claimID: id),
                           payment: try ClaimStore.payment(db, claimID: id),
                           adjustments: try ClaimStore.adjustments(db, claimID: id),
                           repayments: try ClaimStore.repayments(db, claimID: id))
    }

    /// The claims whose member owes an amount back (a reopened paid claim
    /// decided lower, or rejected) not yet repaid in full, by id, within the scope and a filter.
    ///
    /// - Throws: ``ValidationError`` E208 / E250 for a bad filter unit.
    public func owed(_ db: Database, _ filter: ClaimFilter = ClaimFilter()) throws -> [OwedClaim] {
        try ClaimStore.owed(db, where: try conditions(db, filter)).map { claim, paid, owed, repaid, since in
            let (residentID, _) = try ClaimStore.residentIDAndTerm(db, memberID: claim.memberID, termID: claim.planTermID)
            return OwedClaim(claim: claim, residentID: residentID,
                             money: ClaimMoney(paid: Money(fen: paid), owed: Money(fen: owed), repaid: Money(fen: repaid)),
                             since: since)
        }
    }

    /// The claims matching a filter, in id order, streamed in constant memory.
    ///
    /// - Returns: A cursor, valid inside the database access that gave `db`.
    /// - Throws: ``ValidationError`` E208 / E250 for a bad filter unit.
    public func claims(_ db: Database, _ filter: ClaimFilter = ClaimFilter()) throws -> RecordCursor<Claim> {
        try ClaimStore.cursor(db, where: try conditions(db, filter))
    }

    /// Up to `limit` claims matching a filter with an id above `after`, in
    /// id order (for callers that write between pages).
    public func page(_ db: Database, _ filter: ClaimFilter = ClaimFilter(), after: Int64?, limit: Int) throws -> [Claim] {
        var conditions = try conditions(db, filter)
        if let after { conditions.append("claim.id > \(after)") }
        return try ClaimStore.claims(db, where: conditions, suffix: "ORDER BY claim.id LIMIT \(limit)")
    }

    /// The number of claims matching a filter.
    public func count(_ db: Database, _ filter: ClaimFilter = ClaimFilter()) throws -> Int {
        try ClaimStore.count(db, where: try conditions(db, filter))
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
        // At most 100 years back, so no count of days can take the date out of range.
        conditions.append("claim.statusSince < \(asOf.adding(days: -min(max(days, 0), 36_500)))")
        return try ClaimStore.claims(db, where: conditions, suffix: "ORDER BY claim.statusSince, claim.id").map {
            OverdueClaim(claim: $0, since: $0.statusSince, days: $0.statusSince.days(until: asOf))
        }
    }

    /// A claim's documents checklist, in checklist order, extras last.
    public func documents(_ db: Database, claimID: Int64) throws -> [ClaimDocumentStatus] {
        let rows = try ClaimStore.documents(db, claimID: claimID)
        let order = Dictionary(uniqueKeysWithValues: ClaimDocument.allCases.enumerated().map { ($1, $0) })
        return rows.sorted { a, b in
            a.required != b.required ? a.required : order[a.document]! < order[b.document]!
        }
    }

    /// A claim's review rounds, first first.
    public func reviews(_ db: Database, claimID: Int64) throws -> [ClaimReview] {
        try ClaimStore.reviews(db, claimID: claimID)
    }

    /// A claim's transitions, oldest first.
    public func events(_ db: Database, claimID: Int64) throws -> [ClaimEvent] {
        try ClaimStore.events(db, claimID: claimID)
    }

    // MARK: - Helpers

    /// The claim, refusing an unknown one or one outside the scope (both E601: a scoped caller cannot tell them apart).
    func visibleClaim(_ db: Database, id: Int64) throws -> Claim {
        guard let claim = try ClaimStore.claim(db, id: id), try scope.contains(claim.unitCode, in: db) else {
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

}
