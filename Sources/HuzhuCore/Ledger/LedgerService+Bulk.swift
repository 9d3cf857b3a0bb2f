import GRDB

extension LedgerService {
    /// Posts the contributions of a group-enrollment batch set-wise
    /// (``postSet(_:_:context:)``): for each of the batch's active policies
    /// not yet posted, an entry on the batch's bill debiting
    /// `receivable:contributions` with the contribution and crediting each
    /// payer's contribution account with its share — the same entries as
    /// ``postContribution(_:policy:context:)``. One audit row records the
    /// range of entries.
    ///
    /// - Returns: How many entries were posted.
    /// - Throws: ``ValidationError`` E950 when today is in a closed period.
    @discardableResult
    public func postContributions(_ db: Database, batchID: Int64, context: WriteContext) throws -> Int {
        let batchBill = try bill(db, batchID: batchID, context: context)
        guard let posted = try postSet(db, LedgerStore.contributionSet(batchID: batchID, date: context.today, billID: batchBill?.id),
                                       context: context) else { return 0 }
        try AuditLog.record(db, context: context, action: "insert", operation: "postContributions", table: "ledgerEntry",
                            rowKey: "\(posted.lowerBound)-\(posted.upperBound)",
                            summary: ["batch": .integer(batchID), "count": .integer(Int64(posted.count))])
        return posted.count
    }

    /// The one set-based posting method (enrolment batches, re-split
    /// adjustments): refuses a set dated in a closed period (E950), then
    /// posts one entry per selected policy and their lines in a few
    /// statements. The caller audits the range.
    ///
    /// - Returns: The ids of the entries posted, or `nil` when none was selected.
    func postSet(_ db: Database, _ set: LedgerPostingSet, context: WriteContext) throws -> ClosedRange<Int64>? {
        try refuseClosedPeriod(db, date: set.date)
        return try LedgerStore.post(db, set, context: context)
    }
}
