import GRDB

/// Posts to and reads the fund's append-only double-entry ledger.
///
/// Every entry balances (Σ debits = Σ credits, E901), links its policy or
/// claim, and is audited in the caller's transaction. Nothing is ever
/// changed or deleted — the database's triggers refuse UPDATE and DELETE
/// on `ledgerEntry` and `ledgerLine` ("ledger entries are append-only");
/// corrections are reversing entries.
///
/// | event                  | entry                                                       |
/// |------------------------|-------------------------------------------------------------|
/// | contribution billed    | Dr receivable:contributions; Cr contributions:administration/union/member |
/// | receipt                | Dr fund:cash; Cr receivable:contributions, receipts:unapplied |
/// | refund (cancelled)     | Dr contributions:*; Cr receivable:contributions (unpaid), refunds:payable (paid) |
/// | benefit paid           | Dr benefits:paid; Cr fund:cash (by ``ClaimService/pay(_:claimID:_:context:)``) |
/// | correction             | a contribution reversed, then posted again                  |
/// | re-split of the parts  | one `adjustment`: the difference per payer part between the contribution accounts (``SubsidyResplit``) |
///
/// No entry may be dated in a closed period (``close(_:through:context:)``, E950).
///
/// ```swift
/// let ledger = LedgerService()
/// try database.write { db in
///     let policy = try enrollment.enroll(db, request, context: context)
///     try ledger.postContribution(db, policy: policy, context: context)
/// }
/// try database.read { db in try ledger.balance(db, account: .receivableContributions) }   // 26.00
/// ```
public struct LedgerService: Sendable {
    /// The part of the tree this service sees and may post to (entries carry their policy's unit).
    public let scope: Scope

    /// Creates a service.
    ///
    /// - Parameter scope: Everything by default.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    // MARK: - Posting

    /// Bills a policy's contribution to its unit, one credit line per
    /// paying party with a share above 0, dated ``WriteContext/today``, on
    /// the policy's batch bill or its unit's bill of the day.
    ///
    /// ```swift
    /// // contribution 26.00 split 10.00 / 10.00 / 6.00:
    /// // Dr receivable:contributions 26.00; Cr contributions:administration 10.00, :union 10.00, :member 6.00
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - policy: The policy (stored; its row is read again, so the stored split is posted).
    ///   - context: Operator, script and date.
    /// - Returns: The entry and its lines.
    /// - Throws: ``ValidationError`` E509 (unknown policy), E250 (outside the
    ///   scope), E904 (already posted and not reversed).
    @discardableResult
    public func postContribution(_ db: Database, policy: Policy, context: WriteContext) throws -> LedgerEntryDetail {
        let stored = try visiblePolicy(db, id: policy.id ?? -1)
        let policyID = stored.id!
        if let live = try liveContribution(db, policyID: policyID) {
            throw ValidationError(ValidationFailure(.contributionAlreadyPosted, field: "policy", subject: .policy(policyID),
                                                    ["policy": String(policyID), "entry": String(live.id!)]))
        }
        var lines = [LedgerLine.debit(.receivableContributions, stored.contribution)]
        let parts = [stored.split.administration, stored.split.union, stored.split.member]
        for ((_, account), part) in zip(LedgerAccount.contributionAccounts, parts) where part.fen > 0 {
            lines.append(.credit(account, part))
        }
        let bill = try bill(db, unitCode: stored.unitCode, batchID: stored.batchID, context: context)
        var entry = makeEntry(kind: .contribution, date: context.today,
                              memo: "contribution of policy \(policyID) (\(stored.planCode) \(stored.year))",
                              policyID: policyID, claimID: nil, reverses: nil, unitCode: stored.unitCode, context: context)
        entry.billID = bill.id
        return try post(db, entry, lines: lines, operation: "postContribution", context: context)
    }

    /// Refunds a cancelled policy's contribution: its contribution entry
    /// reversed, as an entry of kind `refund`.
    ///
    /// Contributions are usually not refunded once the term has started;
    /// whether to refund is the caller's decision.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - policyID: The cancelled policy.
    ///   - memo: A memo; `refund of policy N` by default.
    ///   - context: Operator, script and date.
    /// - Returns: The refund entry.
    /// - Throws: ``ValidationError`` E509, E250, E907 (not cancelled),
    ///   E908 (nothing posted), E906 (already refunded).
    @discardableResult
    public func postRefund(_ db: Database, policyID: Int64, memo: String? = nil,
                           context: WriteContext) throws -> LedgerEntryDetail {
        let policy = try visiblePolicy(db, id: policyID)
        guard policy.status == .cancelled else {
            throw ValidationError(ValidationFailure(.refundNeedsCancelledPolicy, field: "policy", subject: .policy(policyID),
                                                    ["policy": String(policyID), "status": policy.status.rawValue]))
        }
        guard let original = try LedgerStore.lastContribution(db, policyID: policyID) else {
            throw ValidationError(ValidationFailure(.contributionNotPosted, field: "policy", subject: .policy(policyID),
                                                    ["policy": String(policyID)]))
        }
        if let refund = try LedgerStore.refund(db, policyID: policyID) {
            throw ValidationError(ValidationFailure(.entryAlreadyReversed, field: "entry", value: .plain(String(original.id!)),
                                                    ["id": String(original.id!), "by": String(refund.id!)]))
        }
        guard original.kind == .contribution, try LedgerStore.reversal(db, of: original.id!) == nil else {
            return try reverse(db, original, kind: .refund, memo: memo ?? "refund of policy \(policyID)",
                               operation: "postRefund", context: context)
        }
        let parts = ContributionSplit(administration: policy.split.administration, union: policy.split.union,
                                      member: policy.split.member)
        return try postRefundEntry(db, policy: policy, original: original, parts: parts, reverses: original.id,
                                   memo: memo ?? "refund of policy \(policyID)", context: context)
    }

    /// Refunds part of a cancelled policy's contribution to its payers: an
    /// entry of kind `refund` debiting each payer's contribution account by
    /// its part and crediting `fund:cash` with the total, linked to the
    /// policy (not a reversal: the contribution entry stays as it was).
    /// ``EnrollmentService/cancel(_:policyID:on:reason:context:)`` posts it
    /// with the parts of its term's refund rule; the books then expect the
    /// policy's split less its ``Policy/refund``.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - policyID: The cancelled policy.
    ///   - parts: What goes back to each payer (zero parts get no line).
    ///   - memo: A memo; `refund of policy N` by default.
    ///   - context: Operator, script and date.
    /// - Returns: The refund entry.
    /// - Throws: ``ValidationError`` E509, E250, E907 (not cancelled),
    ///   E908 (nothing posted), E906 (already refunded), E903 (nothing to refund).
    @discardableResult
    public func postRefund(_ db: Database, policyID: Int64, parts: ContributionSplit, memo: String? = nil,
                           context: WriteContext) throws -> LedgerEntryDetail {
        let policy = try visiblePolicy(db, id: policyID)
        guard policy.status == .cancelled else {
            throw ValidationError(ValidationFailure(.refundNeedsCancelledPolicy, field: "policy", subject: .policy(policyID),
                                                    ["policy": String(policyID), "status": policy.status.rawValue]))
        }
        guard let original = try liveContribution(db, policyID: policyID) else {
            throw ValidationError(ValidationFailure(.contributionNotPosted, field: "policy", subject: .policy(policyID),
                                                    ["policy": String(policyID)]))
        }
        if let refund = try LedgerStore.refund(db, policyID: policyID) {
            throw ValidationError(ValidationFailure(.entryAlreadyReversed, field: "entry", value: .plain(String(original.id!)),
                                                    ["id": String(original.id!), "by": String(refund.id!)]))
        }
        return try postRefundEntry(db, policy: policy, original: original, parts: parts, reverses: nil,
                                   memo: memo ?? "refund of policy \(policyID)", context: context)
    }

    /// A refund entry: Dr each payer's contribution account by its part; Cr
    /// `receivable:contributions` with as much as the contribution's bill
    /// still has open (taken off the bill, by the refund's parts), and
    /// `refunds:payable` with the rest (what the unit had already paid).
    /// A contribution posted before bills (to fund:cash) counts as paid.
    private func postRefundEntry(_ db: Database, policy: Policy, original: LedgerEntry, parts: ContributionSplit,
                                 reverses: Int64?, memo: String, context: WriteContext) throws -> LedgerEntryDetail {
        var lines: [LedgerLine] = []
        let amounts = [parts.administration, parts.union, parts.member]
        for ((_, account), part) in zip(LedgerAccount.contributionAccounts, amounts) where part.fen != 0 {
            lines.append(.debit(account, part))
        }
        let open = try original.billID.map { try ReceivableStore.openAmount(db, billID: $0) } ?? 0
        let againstBill = min(max(open, 0), parts.total.fen)
        if againstBill > 0 { lines.append(.credit(.receivableContributions, Money(fen: againstBill))) }
        if parts.total.fen > againstBill { lines.append(.credit(.refundsPayable, Money(fen: parts.total.fen - againstBill))) }
        var entry = makeEntry(kind: .refund, date: context.today, memo: memo, policyID: policy.id!, claimID: nil,
                              reverses: reverses, unitCode: policy.unitCode, context: context)
        entry.billID = original.billID
        let posted = try post(db, entry, lines: lines, operation: "postRefund", context: context)
        if againstBill > 0, let billID = original.billID {
            let share = Self.share(againstBill, weights: amounts.map(\.fen))
            var settlement = BillSettlement(id: nil, billID: billID, entryID: posted.entry.id!, receiptID: nil,
                                            amount: Money(fen: againstBill), administration: share.administration,
                                            union: share.union, member: share.member)
            try ReceivableStore.insert(db, &settlement)
        }
        return posted
    }

    /// Reverses a contribution entry (a correction): the same lines with
    /// debits and credits swapped, linked to the same policy.
    ///
    /// After a subsidy rule re-splits a policy, reverse its contribution
    /// and post it again.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - entryID: The contribution entry.
    ///   - memo: Why.
    ///   - context: Operator, script and date.
    /// - Returns: The reversing entry.
    /// - Throws: ``ValidationError`` E905 (unknown or outside the scope),
    ///   E909 (not a contribution), E906 (already reversed).
    @discardableResult
    public func reverse(_ db: Database, entryID: Int64, memo: String, context: WriteContext) throws -> LedgerEntryDetail {
        guard let original = try LedgerStore.entry(db, id: entryID), try scope.contains(original.unitCode, in: db) else {
            throw ValidationError(ValidationFailure(.entryUnknown, field: "entry", value: .plain(String(entryID)),
                                                    ["id": String(entryID)]))
        }
        return try reverse(db, original, kind: .reversal, memo: memo, operation: "reverseEntry", context: context)
    }

    /// Posts a claim's payout: Dr benefits:paid, Cr fund:cash, dated the payment day (``ClaimRecords/payout(_:_:context:)``).
    /// Only ``ClaimService/pay(_:claimID:_:context:)`` calls it, in the same transaction.
    func postPayout(_ db: Database, claim: Claim, payment: ClaimPayment, context: WriteContext) throws -> LedgerEntryDetail {
        let (entry, lines) = ClaimRecords.payout(claim, payment, context: context)
        return try post(db, entry, lines: lines, operation: "postPayout", context: context)
    }

    /// Checks and stores an entry with its lines: every line more than 0
    /// (E903), debits equal to credits (E901), dated after the closed period (E950).
    func post(_ db: Database, _ entry: LedgerEntry, lines: [LedgerLine], operation: String,
              context: WriteContext) throws -> LedgerEntryDetail {
        let amount = try Self.checked(lines)
        try refuseClosedPeriod(db, date: entry.entryDate)
        var entry = entry
        var stored: [LedgerLine] = []
        try db.inSavepoint {
            stored = try LedgerStore.insert(db, &entry, lines: lines)
            try AuditLog.record(db, context: context, action: "insert", operation: operation, table: "ledgerEntry",
                                rowKey: String(entry.id!), summary: Self.postedSummary(entry, amount: amount))
            return .commit
        }
        return LedgerEntryDetail(entry: entry, lines: stored)
    }

    /// Checks an entry's lines: every line more than 0 (E903), debits equal to credits (E901).
    ///
    /// - Returns: The entry's amount (its debits).
    /// - Throws: ``ValidationError`` with every failure.
    static func checked(_ lines: [LedgerLine]) throws -> Money {
        var failures = FailureCollector()
        for line in lines where line.debit.fen + line.credit.fen <= 0 || (line.debit.fen > 0 && line.credit.fen > 0)
            || line.debit.isNegative || line.credit.isNegative {
            let amount = line.debit.fen != 0 ? line.debit : line.credit
            failures.add(.lineAmountInvalid, field: "lines", value: .plain(amount.description), ["amount": amount.description])
        }
        let debits = lines.reduce(Int64(0)) { $0 + $1.debit.fen }, credits = lines.reduce(Int64(0)) { $0 + $1.credit.fen }
        if debits != credits {
            failures.add(.entryUnbalanced, field: "lines",
                         ["debits": Money(fen: debits).description, "credits": Money(fen: credits).description])
        }
        try failures.throwIfAny()
        return Money(fen: debits)
    }

    /// The audit summary of an entry posted.
    static func postedSummary(_ entry: LedgerEntry, amount: Money) -> [String: AuditValue] {
        ["kind": .text(entry.kind.rawValue), "date": .text(entry.entryDate.description),
         "policy": entry.policyID.map { .integer($0) } ?? .null,
         "claim": entry.claimID.map { .integer($0) } ?? .null,
         "reverses": entry.reversesEntryID.map { .integer($0) } ?? .null,
         "amount": .integer(amount.fen)]
    }

    // MARK: - Helpers

    private func reverse(_ db: Database, _ original: LedgerEntry, kind: LedgerEntryKind, memo: String, operation: String,
                         context: WriteContext) throws -> LedgerEntryDetail {
        let id = original.id!
        guard original.kind == .contribution else {
            throw ValidationError(ValidationFailure(.entryNotReversible, field: "entry", value: .plain(String(id)),
                                                    ["id": String(id), "kind": original.kind.rawValue]))
        }
        if let by = try LedgerStore.reversal(db, of: id) {
            throw ValidationError(ValidationFailure(.entryAlreadyReversed, field: "entry", value: .plain(String(id)),
                                                    ["id": String(id), "by": String(by.id!)]))
        }
        // The contribution as it stands: with the re-split adjustments posted after it.
        let lines = try LedgerStore.netContribution(db, policyID: original.policyID!, entryID: id).compactMap { account, net in
            net == 0 ? nil : net > 0 ? LedgerLine.credit(account, Money(fen: net)) : LedgerLine.debit(account, Money(fen: -net))
        }
        var entry = makeEntry(kind: kind, date: context.today, memo: memo, policyID: original.policyID,
                              claimID: original.claimID, reverses: id, unitCode: original.unitCode, context: context)
        entry.billID = original.billID
        return try post(db, entry, lines: lines, operation: operation, context: context)
    }

    /// The policy's contribution entry that has not been reversed, if any.
    func liveContribution(_ db: Database, policyID: Int64) throws -> LedgerEntry? {
        try LedgerStore.liveContribution(db, policyID: policyID)
    }

    private func visiblePolicy(_ db: Database, id: Int64) throws -> Policy {
        guard let policy = try PolicyStore.policy(db, id: id) else {
            throw ValidationError(ValidationFailure(.policyUnknown, field: "policy", subject: .policy(id), ["id": String(id)]))
        }
        if let failure = try scope.failure(writingTo: policy.unitCode, field: "policy", in: db) {
            throw ValidationError(failure.about(.policy(id)))
        }
        return policy
    }

    private func makeEntry(kind: LedgerEntryKind, date: CivilDate, memo: String, policyID: Int64?, claimID: Int64?,
                           reverses: Int64?, unitCode: String, context: WriteContext) -> LedgerEntry {
        LedgerEntry(id: nil, entryDate: date, kind: kind, memo: memo, policyID: policyID, claimID: claimID,
                    reversesEntryID: reverses, unitCode: unitCode, at: AuditLog.timestamp(context.clock()),
                    operatorName: context.operatorName, scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
    }
}
