import GRDB

extension LedgerService {
    // MARK: - Balances

    /// An account's balance on its normal side (debits − credits for
    /// fund:cash and benefits:paid, credits − debits for contributions),
    /// over entries dated on or before `asOf` (all when `nil`), within the scope.
    ///
    /// ```swift
    /// try ledger.balance(db, account: .contributionsMember, asOf: try CivilDate(parsing: "2012-12-31"))
    /// ```
    public func balance(_ db: Database, account: LedgerAccount, asOf: CivilDate? = nil) throws -> Money {
        try balances(db, asOf: asOf).first { $0.account == account }!.balance
    }

    /// Every account of the chart with its debits, credits and balance
    /// (the trial balance), in chart order.
    public func balances(_ db: Database, asOf: CivilDate? = nil) throws -> [AccountBalance] {
        var conditions = try scopeConditions(db, unit: nil)
        if let asOf { conditions.append("e.entryDate <= \(asOf)") }
        let totals = try LedgerStore.totals(db, where: conditions)
        return LedgerAccount.allCases.map { account in
            let (debits, credits) = totals[account.rawValue] ?? (0, 0)
            return AccountBalance(account: account, debits: Money(fen: debits), credits: Money(fen: credits))
        }
    }

    // MARK: - Journal

    /// The entries matching a filter, oldest first, streamed.
    ///
    /// - Returns: A cursor, valid inside the database access that gave `db`.
    /// - Throws: ``ValidationError`` E208 / E250 for a bad filter unit.
    public func journal(_ db: Database, _ filter: LedgerFilter = LedgerFilter()) throws -> RecordCursor<LedgerEntry> {
        try LedgerStore.entries(db, where: try conditions(db, filter))
    }

    /// Up to `limit` entries matching a filter with an id above `after`,
    /// each with its lines, oldest first (for callers that write between pages).
    public func page(_ db: Database, _ filter: LedgerFilter = LedgerFilter(), after: Int64?,
                     limit: Int) throws -> [LedgerEntryDetail] {
        var conditions = try conditions(db, filter)
        if let after { conditions.append("e.id > \(after)") }
        let entries = try LedgerStore.entries(db, where: conditions, limit: limit)
        return try entries.map { LedgerEntryDetail(entry: $0, lines: try lines(db, entryID: $0.id!)) }
    }

    /// The entry with a row id and its lines, or `nil` if none or outside the scope.
    public func entry(_ db: Database, id: Int64) throws -> LedgerEntryDetail? {
        guard let entry = try LedgerStore.entry(db, id: id), try scope.contains(entry.unitCode, in: db) else { return nil }
        return LedgerEntryDetail(entry: entry, lines: try lines(db, entryID: id))
    }

    /// An entry's lines, in posting order.
    public func lines(_ db: Database, entryID: Int64) throws -> [LedgerLine] {
        try LedgerStore.lines(db, entryID: entryID)
    }

    // MARK: - SQL

    func scopeConditions(_ db: Database, unit: String?) throws -> [SQL] {
        guard let condition = try scope.range(narrowedTo: unit, in: db).condition(on: "e.unitCode") else { return [] }
        return [condition]
    }

    private func conditions(_ db: Database, _ filter: LedgerFilter) throws -> [SQL] {
        var conditions = try scopeConditions(db, unit: filter.unit)
        if let from = filter.from { conditions.append("e.entryDate >= \(from)") }
        if let to = filter.to { conditions.append("e.entryDate <= \(to)") }
        if let kind = filter.kind { conditions.append("e.kind = \(kind.rawValue)") }
        if let policyID = filter.policyID { conditions.append("e.policyID = \(policyID)") }
        if let claimID = filter.claimID { conditions.append("e.claimID = \(claimID)") }
        if let account = filter.account {
            conditions.append("EXISTS (SELECT 1 FROM ledgerLine l WHERE l.entryID = e.id AND l.account = \(account.rawValue))")
        }
        return conditions
    }

}
