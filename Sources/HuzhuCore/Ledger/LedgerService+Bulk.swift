import GRDB

extension LedgerService {
    /// Posts the contributions of a group-enrollment batch in a few set-based
    /// statements: for each of the batch's policies not yet posted, an entry
    /// on the batch's bill debiting `receivable:contributions` with the contribution and crediting each payer's
    /// contribution account with its share — the same entries as
    /// ``postContribution(_:policy:context:)``, balanced by construction.
    /// One audit row records the range of entries.
    ///
    /// - Returns: How many entries were posted.
    @discardableResult
    public func postContributions(_ db: Database, batchID: Int64, context: WriteContext) throws -> Int {
        let batchBill = try bill(db, batchID: batchID, context: context)
        guard let posted = try LedgerStore.postContributions(db, batchID: batchID, billID: batchBill?.id, context: context)
        else { return 0 }
        try AuditLog.record(db, context: context, action: "insert", operation: "postContributions", table: "ledgerEntry",
                            rowKey: "\(posted.lowerBound)-\(posted.upperBound)",
                            summary: ["batch": .integer(batchID), "count": .integer(Int64(posted.count))])
        return posted.count
    }
}
