import GRDB

/// Money received from the bank, as a statement line names it.
public struct ReceiptRequest: Hashable, Sendable {
    /// The day the bank received it.
    public var date: CivilDate
    /// The payer: a unit's code or its name.
    public var payer: String
    /// The amount.
    public var amount: Money
    /// The bank's reference (unique).
    public var reference: String

    /// Creates a request.
    public init(date: CivilDate, payer: String, amount: Money, reference: String) {
        self.date = date
        self.payer = payer
        self.amount = amount
        self.reference = reference
    }
}

/// What a receipt (or an application of held money) did.
public struct ReceiptResult: Hashable, Sendable {
    /// The receipt.
    public var receipt: Receipt
    /// Its ledger entry.
    public var entry: LedgerEntryDetail
    /// The bills it settled, oldest first, by payer part.
    public var settlements: [BillSettlement]
    /// What went to (or stays in) `receipts:unapplied`.
    public var unapplied: Money
    /// Why money was held: E910 (payer is no unit) or E911 (more than owed); nil when none was.
    public var held: ValidationFailure?

    /// Σ settlements.
    public var applied: Money { Money(fen: settlements.reduce(0) { $0 + $1.amount.fen }) }
}

extension LedgerService {
    /// Records money received from the bank: the receipt, and one entry
    /// Dr `fund:cash` with the amount; Cr `receivable:contributions` with
    /// what settles the payer's oldest open bills first (each settlement
    /// split across the bill's open payer parts by largest remainder); Cr
    /// `receipts:unapplied` with the rest — everything when the payer is no
    /// unit (E910), the surplus over what the unit owes (E911). Money is
    /// never lost. Dated the bank's day. The fund's bank account is the
    /// federation's: a scoped caller is refused (E251).
    ///
    /// ```swift
    /// let result = try ledger.receive(db, ReceiptRequest(date: day, payer: "LY", amount: Money(fen: 5200),
    ///                                                    reference: "B0001"), context: context)
    /// // Dr fund:cash 52.00; Cr receivable:contributions 52.00
    /// ```
    ///
    /// - Throws: ``ValidationError`` E251, E913 (amount not above 0), E914
    ///   (no reference), E912 (reference received before).
    @discardableResult
    public func receive(_ db: Database, _ request: ReceiptRequest, context: WriteContext) throws -> ReceiptResult {
        if let failure = scope.failure(federationOperation: "receive", field: "reference", value: .plain(request.reference)) {
            throw ValidationError(failure)
        }
        var failures = FailureCollector()
        if request.amount.fen <= 0 {
            failures.add(.receiptAmountInvalid, field: "amount", value: .plain(request.amount.description),
                         ["amount": request.amount.description])
        }
        let reference = request.reference.trimmingCharacters(in: .whitespaces)
        if reference.isEmpty {
            failures.add(.referenceMissing, field: "reference", [:])
        } else if let seen = try ReceivableStore.receipt(db, reference: reference) {
            failures.add(.referenceDuplicate, field: "reference", value: .plain(reference),
                         ["reference": reference, "receipt": String(seen.id!), "date": seen.receivedOn.description])
        }
        try failures.throwIfAny()

        let payer = request.payer.trimmingCharacters(in: .whitespaces)
        let unit = try ReceivableStore.unitCode(db, payer: payer)
        guard let entryUnit = try unit ?? ReceivableStore.rootUnit(db) else {
            throw ValidationError(ValidationFailure(.unitUnknown, field: "payer", value: .plain(payer), ["code": payer]))
        }
        let plan = try unit.map { try allocate(db, unit: $0, amount: request.amount.fen) } ?? []
        let applied = plan.reduce(0) { $0 + $1.amount.fen }
        let surplus = request.amount.fen - applied
        var held: ValidationFailure?
        if surplus > 0 {
            held = unit == nil
                ? ValidationFailure(.payerUnknown, field: "payer", value: .plain(payer),
                                    ["payer": payer, "amount": Money(fen: surplus).description])
                : ValidationFailure(.receiptSurplus, field: "amount", value: .plain(request.amount.description),
                                    ["unit": unit!, "amount": Money(fen: surplus).description])
        }
        var receipt = Receipt(id: nil, receivedOn: request.date, unitCode: unit, payer: payer, amount: request.amount,
                              reference: reference, migrated: false, heldCode: held?.code,
                              at: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
                              scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
        var result: ReceiptResult?
        try db.inSavepoint {
            try ReceivableStore.insert(db, &receipt)
            try AuditLog.record(db, context: context, action: "insert", operation: "receive", table: "receipt",
                                rowKey: String(receipt.id!), summary: [
                                    "reference": .text(reference), "unit": unit.map { .text($0) } ?? .null,
                                    "amount": .integer(request.amount.fen), "date": .text(request.date.description),
                                    "applied": .integer(applied), "held": .integer(surplus),
                                    "heldCode": held.map { .integer(Int64($0.code)) } ?? .null,
                                ])
            var lines = [LedgerLine.debit(.fundCash, request.amount)]
            if applied > 0 { lines.append(.credit(.receivableContributions, Money(fen: applied))) }
            if surplus > 0 { lines.append(.credit(.receiptsUnapplied, Money(fen: surplus))) }
            var entry = makeReceiptEntry(kind: .receipt, date: request.date, memo: "receipt \(reference) from \(payer)",
                                         unit: entryUnit, context: context)
            entry.receiptID = receipt.id
            let posted = try post(db, entry, lines: lines, operation: "postReceipt", context: context)
            let settlements = try settle(db, plan, entryID: posted.entry.id!, receiptID: receipt.id!)
            result = ReceiptResult(receipt: receipt, entry: posted, settlements: settlements,
                                   unapplied: Money(fen: surplus), held: held)
            return .commit
        }
        return result!
    }

    /// Applies money held in `receipts:unapplied` from a receipt to a
    /// unit's oldest open bills (a clerk has found who paid): one entry
    /// Dr `receipts:unapplied`, Cr `receivable:contributions`, dated
    /// ``WriteContext/today``. At most what the unit owes is applied; the
    /// rest stays held. Federation-level (E251 when scoped).
    ///
    /// - Parameters:
    ///   - receiptID: The receipt holding the money.
    ///   - unit: The unit that paid.
    ///   - amount: How much; all it holds when nil.
    /// - Throws: ``ValidationError`` E251, E915 (unknown receipt), E104
    ///   (unknown unit), E913 (amount not above 0), E916 (more than held),
    ///   E917 (the unit owes nothing).
    @discardableResult
    public func applyUnapplied(_ db: Database, receiptID: Int64, unit: String, amount: Money? = nil,
                               context: WriteContext) throws -> ReceiptResult {
        if let failure = scope.failure(federationOperation: "applyUnapplied", field: "receipt", value: .plain(String(receiptID))) {
            throw ValidationError(failure)
        }
        guard let receipt = try ReceivableStore.receipt(db, id: receiptID) else {
            throw ValidationError(ValidationFailure(.receiptUnknown, field: "receipt", value: .plain(String(receiptID)),
                                                    ["receipt": String(receiptID)]))
        }
        guard try UnitStore.unit(db, code: unit) != nil else {
            throw ValidationError(ValidationFailure(.unitUnknown, field: "unit", value: .plain(unit), ["code": unit]))
        }
        let held = try ReceivableStore.held(db, receiptID: receiptID)
        let wanted = amount?.fen ?? held
        if wanted <= 0 {
            throw ValidationError(ValidationFailure(.receiptAmountInvalid, field: "amount", value: .plain(Money(fen: wanted).description),
                                                    ["amount": Money(fen: wanted).description]))
        }
        if wanted > held {
            throw ValidationError(ValidationFailure(.unappliedShort, field: "amount", value: .plain(Money(fen: wanted).description), [
                "receipt": String(receiptID), "held": Money(fen: held).description, "amount": Money(fen: wanted).description,
            ]))
        }
        let plan = try allocate(db, unit: unit, amount: wanted)
        let applied = plan.reduce(0) { $0 + $1.amount.fen }
        guard applied > 0 else {
            throw ValidationError(ValidationFailure(.nothingOwed, field: "unit", value: .plain(unit), ["unit": unit]))
        }
        var entry = makeReceiptEntry(kind: .application, date: context.today,
                                     memo: "receipt \(receipt.reference) applied to unit \(unit)", unit: unit, context: context)
        entry.receiptID = receiptID
        var result: ReceiptResult?
        try db.inSavepoint {
            let posted = try post(db, entry, lines: [.debit(.receiptsUnapplied, Money(fen: applied)),
                                                     .credit(.receivableContributions, Money(fen: applied))],
                                  operation: "applyUnapplied", context: context)
            let settlements = try settle(db, plan, entryID: posted.entry.id!, receiptID: receiptID)
            result = ReceiptResult(receipt: receipt, entry: posted, settlements: settlements,
                                   unapplied: Money(fen: held - applied), held: nil)
            return .commit
        }
        return result!
    }

    /// The receipts holding money in `receipts:unapplied`, oldest first, with what each holds.
    public func unappliedReceipts(_ db: Database) throws -> [(receipt: Receipt, held: Money)] {
        try ReceivableStore.unapplied(db).map { ($0.receipt, Money(fen: $0.held)) }
    }

    /// The receipt with a reference, if any.
    public func receipt(_ db: Database, reference: String) throws -> Receipt? {
        try ReceivableStore.receipt(db, reference: reference)
    }

    // MARK: - Helpers

    /// How `amount` settles a unit's open bills, oldest first (not written).
    private func allocate(_ db: Database, unit: String, amount: Int64) throws -> [BillSettlement] {
        var left = amount
        var plan: [BillSettlement] = []
        for open in try ReceivableStore.openBills(db, in: .subtree(try UnitStore.path(db, code: unit) ?? ""), asOf: nil)
            where open.bill.unitCode == unit && left > 0 {
            let take = min(left, open.charged - open.settled)
            let remaining = zip(open.chargedParts, open.settledParts).map { max(0, $0 - $1) }
            let parts = Self.share(take, weights: remaining)
            plan.append(BillSettlement(id: nil, billID: open.bill.id!, entryID: 0, receiptID: nil, amount: Money(fen: take),
                                       administration: parts.administration, union: parts.union, member: parts.member))
            left -= take
        }
        return plan
    }

    private func settle(_ db: Database, _ plan: [BillSettlement], entryID: Int64, receiptID: Int64) throws -> [BillSettlement] {
        try plan.map { planned in
            var settlement = planned
            settlement.entryID = entryID
            settlement.receiptID = receiptID
            try ReceivableStore.insert(db, &settlement)
            return settlement
        }
    }

    private func makeReceiptEntry(kind: LedgerEntryKind, date: CivilDate, memo: String, unit: String,
                                  context: WriteContext) -> LedgerEntry {
        LedgerEntry(id: nil, entryDate: date, kind: kind, memo: memo, policyID: nil, claimID: nil, reversesEntryID: nil,
                    unitCode: unit, at: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
                    scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
    }
}
