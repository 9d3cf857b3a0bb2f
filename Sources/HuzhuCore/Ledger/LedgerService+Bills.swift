import GRDB

extension LedgerService {
    /// The bill a new policy's contribution is charged on: its enrolment
    /// batch's bill, or its unit's daily bill for single enrolments, made
    /// when it is first needed, issued ``WriteContext/today`` and due
    /// ``WriteContext/dueDays`` later. Audited `issueBill` when made.
    func bill(_ db: Database, unitCode: String, batchID: Int64?, context: WriteContext) throws -> Bill {
        if let batchID, let bill = try ReceivableStore.bill(db, batchID: batchID) { return bill }
        if batchID == nil, let bill = try ReceivableStore.dailyBill(db, unitCode: unitCode, on: context.today) { return bill }
        var bill = Bill(id: nil, unitCode: unitCode, kind: batchID == nil ? .daily : .batch, batchID: batchID,
                        issuedOn: context.today, dueOn: context.today.adding(days: context.dueDays),
                        at: AuditLog.timestamp(context.clock()), operatorName: context.operatorName)
        try ReceivableStore.insert(db, &bill)
        try AuditLog.record(db, context: context, action: "insert", operation: "issueBill", table: "bill",
                            rowKey: String(bill.id!), summary: [
                                "unit": .text(unitCode), "kind": .text(bill.kind.rawValue),
                                "batch": batchID.map { .integer($0) } ?? .null, "due": .text(bill.dueOn.description),
                            ])
        return bill
    }

    /// The bill an enrolment batch's contributions are charged on.
    func bill(_ db: Database, batchID: Int64, context: WriteContext) throws -> Bill? {
        guard let unit = try ReceivableStore.batchUnit(db, batchID: batchID) else { return nil }
        return try bill(db, unitCode: unit, batchID: batchID, context: context)
    }

    /// The open bills of a unit (its subtree) issued by `asOf`, oldest first.
    func openBills(_ db: Database, unit: String?, asOf: CivilDate?) throws -> [OpenBill] {
        let range = try scope.range(narrowedTo: unit, in: db)
        return try ReceivableStore.openBills(db, in: range, asOf: asOf).map { row in
            let remaining = zip(row.chargedParts, row.settledParts).map { max(0, $0 - $1) }
            let open = row.charged - row.settled
            return OpenBill(bill: row.bill, charged: Money(fen: row.charged), settled: Money(fen: row.settled),
                            openParts: Self.share(open, weights: remaining))
        }
    }

    /// `amount` shared by the weights (administration, union, member) with
    /// the largest remainder; all to the member when no weight is above 0.
    static func share(_ amount: Int64, weights: [Int64]) -> ContributionSplit {
        let parts = (try? Money.split(total: amount, weights: weights)) ?? [0, 0, amount]
        return ContributionSplit(administration: Money(fen: parts[0]), union: Money(fen: parts[1]), member: Money(fen: parts[2]))
    }
}
