import GRDB

extension LedgerService {
    // MARK: - Closed periods

    /// Closes the books through a month: from then on every posting path
    /// refuses an entry dated in that month or before (E950), and
    /// corrections go to the open period. A federation operation (E251 in
    /// a scoped run), audited (`closePeriod`).
    ///
    /// Closing is forward-only: a closed month is never reopened (E951 for
    /// a month already closed). The point of closing is that the figures
    /// reported for a closed month — to the federation, the auditors, the
    /// members — never change afterwards; a reopening would let them change.
    /// A mistake found later is corrected by an entry in the open period.
    ///
    /// ```swift
    /// try ledger.close(db, through: "2026-06", context: context)   // Jan–Jun 2026 closed
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - month: `YYYY-MM`, a month that has ended on ``WriteContext/today``.
    ///   - context: Operator, script and today's date.
    /// - Returns: The closing.
    /// - Throws: ``ValidationError`` E251, E953 (not a month), E952 (not
    ///   ended), E951 (already closed).
    @discardableResult
    public func close(_ db: Database, through month: String, context: WriteContext) throws -> LedgerClosing {
        if let refused = scope.failure(federationOperation: "closePeriod", field: "through", value: .plain(month)) {
            throw ValidationError(refused)
        }
        let last = try Self.lastDay(ofMonth: month)
        let text = String(month.prefix(7))
        guard last < context.today else {
            throw ValidationError(ValidationFailure(.periodNotEnded, field: "through", value: .plain(month),
                                                    ["month": text, "today": context.today.description]))
        }
        if let latest = try LedgerPeriodStore.latest(db), last <= latest.throughDate {
            throw ValidationError(ValidationFailure(.periodAlreadyClosed, field: "through", value: .plain(month),
                                                    ["month": text, "through": latest.throughMonth]))
        }
        var closing = LedgerClosing(id: nil, throughMonth: text, throughDate: last, closedOn: context.today,
                                    at: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
                                    scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
        try LedgerPeriodStore.insert(db, &closing)
        try AuditLog.record(db, context: context, action: "insert", operation: "closePeriod", table: "ledgerClosing",
                            rowKey: text, summary: ["through": .text(text), "closedOn": .text(context.today.description)])
        return closing
    }

    /// Every closing of the books, oldest first (the last is the period closed).
    public func periods(_ db: Database) throws -> [LedgerClosing] {
        try LedgerPeriodStore.closings(db)
    }

    /// The latest closing, or `nil` while no month is closed.
    public func closedThrough(_ db: Database) throws -> LedgerClosing? {
        try LedgerPeriodStore.latest(db)
    }

    /// Refuses an entry dated in a closed period (E950), as every posting path does before writing.
    ///
    /// - Throws: ``ValidationError`` E950 naming the date and the month closed through.
    public func refuseClosedPeriod(_ db: Database, date: CivilDate) throws {
        if let failure = Self.closedPeriodFailure(date: date, closing: try LedgerPeriodStore.latest(db)) {
            throw ValidationError(failure)
        }
    }

    /// The E950 failure for an entry dated `date` when the books are closed by `closing`, else `nil`.
    static func closedPeriodFailure(date: CivilDate, closing: LedgerClosing?) -> ValidationFailure? {
        guard let closing, date <= closing.throughDate else { return nil }
        return ValidationFailure(.periodClosed, field: "date", value: .plain(date.description),
                                 ["date": date.description, "through": closing.throughMonth])
    }

    /// The last day of a month given as `YYYY-MM`.
    ///
    /// - Throws: ``ValidationError`` E953.
    static func lastDay(ofMonth text: String) throws -> CivilDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month),
              let last = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year)) else {
            throw ValidationError(ValidationFailure(.periodMonthInvalid, field: "through", value: .plain(text), ["text": text]))
        }
        return last
    }
}
