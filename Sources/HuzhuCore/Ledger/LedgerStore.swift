import GRDB

/// The SQL of the fund's ledger (``LedgerService`` holds the rules: what is
/// posted, balanced and reversible, within the scope).
enum LedgerStore {
    // MARK: - Entries

    static func entry(_ db: Database, id: Int64) throws -> LedgerEntry? {
        try LedgerEntry.fetchOne(db, key: id)
    }

    /// A policy's latest contribution entry.
    static func lastContribution(_ db: Database, policyID: Int64) throws -> LedgerEntry? {
        try LedgerEntry
            .filter(LedgerEntry.Columns.policyID == policyID && LedgerEntry.Columns.kind == LedgerEntryKind.contribution.rawValue)
            .order(LedgerEntry.Columns.id.desc).fetchOne(db)
    }

    /// The entry that reverses an entry, if any.
    static func reversal(_ db: Database, of entryID: Int64) throws -> LedgerEntry? {
        try LedgerEntry.filter(LedgerEntry.Columns.reversesEntryID == entryID).fetchOne(db)
    }

    /// A policy's contribution entry that has not been reversed, if any.
    static func liveContribution(_ db: Database, policyID: Int64) throws -> LedgerEntry? {
        try LedgerEntry.fetchOne(db, sql: """
            SELECT * FROM ledgerEntry e
            WHERE e.policyID = ? AND e.kind = 'contribution'
              AND NOT EXISTS (SELECT 1 FROM ledgerEntry r WHERE r.reversesEntryID = e.id)
            """, arguments: [policyID])
    }

    /// Stores an entry and its lines (the lines get the entry's id); returns the stored lines.
    static func insert(_ db: Database, _ entry: inout LedgerEntry, lines: [LedgerLine]) throws -> [LedgerLine] {
        try entry.insert(db)
        var stored: [LedgerLine] = []
        for var line in lines {
            line.entryID = entry.id!
            try line.insert(db)
            stored.append(line)
        }
        return stored
    }

    /// An entry's lines, in posting order.
    static func lines(_ db: Database, entryID: Int64) throws -> [LedgerLine] {
        try LedgerLine.filter(LedgerLine.Columns.entryID == entryID).order(LedgerLine.Columns.id).fetchAll(db)
    }

    // MARK: - Batches

    /// Posts the contributions of a batch's active policies not yet posted, in set-based statements:
    /// an entry each debiting `fund:cash` and crediting each payer's part. Returns the ids posted.
    static func postContributions(_ db: Database, batchID: Int64, context: WriteContext) throws -> ClosedRange<Int64>? {
        // Cached statements: a demo city posts thousands of batches in one transaction.
        let before = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM ledgerEntry")) ?? 0
        try db.cachedStatement(sql: """
            INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator, scriptName, scriptSHA256)
            SELECT ?, 'contribution', 'contribution of policy ' || p.id || ' (' || p.planCode || ' ' || p.year || ')',
                   p.id, p.unitCode, ?, ?, ?, ?
            FROM policy p
            WHERE p.batchID = ? AND p.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM ledgerEntry e WHERE e.policyID = p.id AND e.kind = 'contribution')
            ORDER BY p.id
            """).execute(arguments: [context.today.description, AuditLog.timestamp(context.clock()), context.operatorName,
                             context.scriptName, context.scriptSHA256, batchID])
        guard db.changesCount > 0 else { return nil }
        let lines: [(String, String, String)] = [
            (LedgerAccount.fundCash.rawValue, "p.contribution", "0"),
            (LedgerAccount.contributionsAdministration.rawValue, "0", "p.splitAdministration"),
            (LedgerAccount.contributionsUnion.rawValue, "0", "p.splitUnion"),
            (LedgerAccount.contributionsMember.rawValue, "0", "p.splitMember"),
        ]
        for (account, debit, credit) in lines {
            try db.cachedStatement(sql: """
                INSERT INTO ledgerLine (entryID, account, debit, credit)
                SELECT e.id, ?, \(debit), \(credit)
                FROM ledgerEntry e JOIN policy p ON p.id = e.policyID
                WHERE e.id > ? AND (\(debit) + \(credit)) > 0
                ORDER BY e.id
                """).execute(arguments: [account, before])
        }
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM ledgerEntry")) ?? before
        return (before + 1)...last
    }

    // MARK: - Reads

    /// Debits and credits per account over the entries meeting the conditions.
    static func totals(_ db: Database, where conditions: [SQL]) throws -> [String: (debits: Int64, credits: Int64)] {
        var sql: SQL = """
            SELECT l.account, COALESCE(SUM(l.debit), 0), COALESCE(SUM(l.credit), 0)
            FROM ledgerLine l JOIN ledgerEntry e ON e.id = l.entryID
            """
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        sql = sql + " GROUP BY l.account"
        var totals: [String: (Int64, Int64)] = [:]
        for row in try Row.fetchAll(db, SQLRequest<Row>(literal: sql)) { totals[row[0]] = (row[1], row[2]) }
        return totals
    }

    /// The entries meeting the conditions (on `e`, the entry), oldest first, streamed.
    static func entries(_ db: Database, where conditions: [SQL]) throws -> RecordCursor<LedgerEntry> {
        try LedgerEntry.fetchCursor(db, request(conditions, suffix: "ORDER BY e.id"))
    }

    /// Up to `limit` entries meeting the conditions, oldest first.
    static func entries(_ db: Database, where conditions: [SQL], limit: Int) throws -> [LedgerEntry] {
        try LedgerEntry.fetchAll(db, request(conditions, suffix: "ORDER BY e.id LIMIT \(limit)"))
    }

    private static func request(_ conditions: [SQL], suffix: SQL) -> SQLRequest<LedgerEntry> {
        var sql: SQL = "SELECT e.* FROM ledgerEntry e"
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        return SQLRequest(literal: sql + " " + suffix)
    }
}
