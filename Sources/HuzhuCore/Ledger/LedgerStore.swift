import GRDB

/// Entries posted set-wise, one per policy selected (``LedgerService/postSet(_:_:context:)``):
/// what to select, the memo, and each line's account and amounts as SQL
/// expressions over the policy `p` (and whatever ``selection`` and ``join`` name).
/// Balanced by construction: the caller's debits and credits add up per row.
struct LedgerPostingSet {
    var kind: LedgerEntryKind
    var date: CivilDate
    /// The memo, an SQL expression.
    var memo: String
    /// `FROM … WHERE …`: one row per entry, naming the policy `p`.
    var selection: String
    var arguments: StatementArguments
    /// The order of the entries: the policies' ids, as the selection yields them best.
    var order: String = "p.id"
    /// How the lines find each new entry's values again: joins after `ledgerEntry e`.
    var join: String
    /// The lines of each entry in order: account, debit and credit expressions (a line whose sum is 0 is left out).
    var lines: [(account: LedgerAccount, debit: String, credit: String)]
}

/// The SQL of the fund's ledger and of its check against the policies and
/// claims (``LedgerService`` holds the rules: what is posted, balanced and
/// reversible, within the scope, and what counts as a discrepancy).
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

    /// A policy's refund entry, if any.
    static func refund(_ db: Database, policyID: Int64) throws -> LedgerEntry? {
        try LedgerEntry.filter(LedgerEntry.Columns.policyID == policyID && LedgerEntry.Columns.kind == LedgerEntryKind.refund.rawValue)
            .fetchOne(db)
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

    // MARK: - Sets

    /// The contributions of a batch's active policies not yet posted, as
    /// ``LedgerService/postSet(_:_:context:)`` posts them: an entry each
    /// debiting `fund:cash` and crediting each payer's part.
    static func contributionSet(batchID: Int64, date: CivilDate) -> LedgerPostingSet {
        LedgerPostingSet(
            kind: .contribution, date: date,
            memo: "'contribution of policy ' || p.id || ' (' || p.planCode || ' ' || p.year || ')'",
            selection: """
                FROM policy p
                WHERE p.batchID = ? AND p.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM ledgerEntry e WHERE e.policyID = p.id AND e.kind = 'contribution')
                """,
            arguments: [batchID],
            join: "JOIN policy p ON p.id = e.policyID",
            lines: [
                (.fundCash, "p.contribution", "0"),
                (.contributionsAdministration, "0", "p.splitAdministration"),
                (.contributionsUnion, "0", "p.splitUnion"),
                (.contributionsMember, "0", "p.splitMember"),
            ])
    }

    /// Posts a set of entries in two statements: one entry per selected
    /// policy (in policy id order), then their lines in entry order, each
    /// line whose amount is above 0. Returns the ids posted, or `nil` when
    /// nothing was selected. The statements are cached (a demo city posts
    /// thousands of batches in one transaction).
    static func post(_ db: Database, _ set: LedgerPostingSet, context: WriteContext) throws -> ClosedRange<Int64>? {
        let before = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM ledgerEntry")) ?? 0
        try db.cachedStatement(sql: """
            INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator, scriptName, scriptSHA256)
            SELECT ?, ?, \(set.memo), p.id, p.unitCode, ?, ?, ?, ?
            \(set.selection)
            ORDER BY \(set.order)
            """).execute(arguments: [set.date.description, set.kind.rawValue, AuditLog.timestamp(context.clock()),
                                     context.operatorName, context.scriptName, context.scriptSHA256] + set.arguments)
        guard db.changesCount > 0 else { return nil }
        let accounts = set.lines.enumerated().map { index, line in
            "SELECT \(index) AS k, '\(line.account.rawValue)' AS account"
        }.joined(separator: " UNION ALL ")
        func amount(_ expressions: [String]) -> String {
            "CASE a.k " + expressions.enumerated().map { "WHEN \($0) THEN \($1)" }.joined(separator: " ") + " END"
        }
        let debit = amount(set.lines.map { $0.debit }), credit = amount(set.lines.map { $0.credit })
        try db.cachedStatement(sql: """
            INSERT INTO ledgerLine (entryID, account, debit, credit)
            SELECT e.id, a.account, \(debit), \(credit)
            FROM ledgerEntry e \(set.join) CROSS JOIN (\(accounts)) a
            WHERE e.id > ? AND (\(debit)) + (\(credit)) > 0
            ORDER BY e.id, a.k
            """).execute(arguments: [before])
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM ledgerEntry")) ?? before
        return (before + 1)...last
    }

    /// A policy's net per account over its contribution entry `entryID` and
    /// the adjustments posted after it (debit − credit), in account order of
    /// the contribution's lines.
    static func netContribution(_ db: Database, policyID: Int64, entryID: Int64) throws -> [(account: LedgerAccount, net: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT l.account, SUM(l.debit) - SUM(l.credit), MIN(l.id)
            FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
            WHERE e.policyID = ? AND (e.id = ? OR (e.id > ? AND e.kind = 'adjustment'))
            GROUP BY l.account ORDER BY MIN(l.id)
            """, arguments: [policyID, entryID, entryID]).map { ($0[0], $0[1]) }
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

    // MARK: - Check

    /// The number of entries in a range of units.
    static func entryCount(_ db: Database, in range: UnitRange) throws -> Int {
        try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT COUNT(*) FROM ledgerEntry e WHERE 1"
                                             + scoped(range, "e.unitCode"))) ?? 0
    }

    /// The entries in a range of units whose debits and credits differ, by id.
    static func unbalancedEntries(_ db: Database, in range: UnitRange) throws -> [(id: Int64, debits: Int64, credits: Int64)] {
        try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT e.id, COALESCE(SUM(l.debit), 0) AS debits, COALESCE(SUM(l.credit), 0) AS credits
            FROM ledgerEntry e LEFT JOIN ledgerLine l ON l.entryID = e.id
            WHERE 1
            """ + scoped(range, "e.unitCode") + " GROUP BY e.id HAVING debits != credits ORDER BY e.id"))
            .map { (id: $0[0], debits: $0[1], credits: $0[2]) }
    }

    /// A policy's contribution is expected in the books unless it was cancelled and refunded.
    /// Whether a cancelled policy's whole contribution was reversed by a refund
    /// (``LedgerService/postRefund(_:policyID:memo:context:)`` without parts): then nothing is expected.
    private static let reversedByRefund: SQL = """
        (p.status = 'cancelled'
         AND EXISTS (SELECT 1 FROM ledgerEntry r WHERE r.policyID = p.id AND r.kind = 'refund'
                     AND r.reversesEntryID IS NOT NULL))
        """

    /// What a policy expects from one payer: its part less what was refunded to that payer.
    private static func expected(_ payer: String) -> SQL {
        let split = SQL(sql: "p.split\(payer) - p.refund\(payer)")
        return "CASE WHEN \(reversedByRefund) THEN 0 ELSE \(split) END"
    }

    /// The fen the policies in a range of units expect per payer: administration, union, member.
    static func expectedContributions(_ db: Database, in range: UnitRange) throws -> [Int64] {
        let row = try Row.fetchOne(db, SQLRequest<Row>(literal: """
            SELECT COALESCE(SUM(\(expected("Administration"))), 0), COALESCE(SUM(\(expected("Union"))), 0),
                   COALESCE(SUM(\(expected("Member"))), 0)
            FROM policy p WHERE 1
            """ + scoped(range, "p.unitCode")))!
        return [row[0], row[1], row[2]]
    }

    /// The fen paid on the claims in a range of units: first payments and further payments.
    static func paidClaims(_ db: Database, in range: UnitRange) throws -> Int64 {
        let first = try Int64.fetchOne(db, SQLRequest<Int64>(literal: """
            SELECT COALESCE(SUM(cp.amount), 0) FROM claimPayment cp JOIN claim c ON c.id = cp.claimID WHERE 1
            """ + scoped(range, "c.unitCode"))) ?? 0
        let further = try Int64.fetchOne(db, SQLRequest<Int64>(literal: """
            SELECT COALESCE(SUM(a.amount), 0) FROM claimAdjustment a JOIN claim c ON c.id = a.claimID
            WHERE a.kind = 'furtherPayment'
            """ + scoped(range, "c.unitCode"))) ?? 0
        return first + further
    }

    /// Each policy in a range of units whose posted contributions differ from what it expects, by id:
    /// expected and posted fen per payer (administration, union, member), streamed.
    static func mispostedPolicies(_ db: Database, in range: UnitRange,
                                    _ each: (_ policyID: Int64, _ expected: [Int64], _ posted: [Int64]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: """
            SELECT p.id,
                   \(expected("Administration")) AS ea,
                   \(expected("Union")) AS eu,
                   \(expected("Member")) AS em,
                   COALESCE(x.xa, 0) AS pa, COALESCE(x.xu, 0) AS pu, COALESCE(x.xm, 0) AS pm
            FROM policy p
            LEFT JOIN (
                SELECT e.policyID AS policyID,
                       SUM(CASE WHEN l.account = 'contributions:administration' THEN l.credit - l.debit ELSE 0 END) AS xa,
                       SUM(CASE WHEN l.account = 'contributions:union' THEN l.credit - l.debit ELSE 0 END) AS xu,
                       SUM(CASE WHEN l.account = 'contributions:member' THEN l.credit - l.debit ELSE 0 END) AS xm
                FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
                WHERE e.policyID IS NOT NULL GROUP BY e.policyID
            ) x ON x.policyID = p.id
            WHERE (ea != pa OR eu != pu OR em != pm)
            """ + scoped(range, "p.unitCode") + " ORDER BY p.id"))
        while let row = try rows.next() {
            try each(row[0], [row[1], row[2], row[3]], [row[4], row[5], row[6]])
        }
    }

    /// Each claim in a range of units whose payments (the first and any further ones) differ from the net
    /// posted to `benefits:paid`, by id, streamed.
    static func mispostedClaims(_ db: Database, in range: UnitRange,
                                  _ each: (_ claimID: Int64, _ paid: Int64, _ posted: Int64) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: """
            SELECT c.id, COALESCE(cp.amount, 0) + COALESCE(f.further, 0) AS paid, COALESCE(x.net, 0) AS posted
            FROM claim c
            LEFT JOIN claimPayment cp ON cp.claimID = c.id
            LEFT JOIN (
                SELECT claimID, SUM(amount) AS further FROM claimAdjustment WHERE kind = 'furtherPayment' GROUP BY claimID
            ) f ON f.claimID = c.id
            LEFT JOIN (
                SELECT e.claimID AS claimID, SUM(l.debit - l.credit) AS net
                FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
                WHERE e.claimID IS NOT NULL AND l.account = 'benefits:paid' GROUP BY e.claimID
            ) x ON x.claimID = c.id
            WHERE paid != posted
            """ + scoped(range, "c.unitCode") + " ORDER BY c.id"))
        while let row = try rows.next() {
            try each(row[0], row[1], row[2])
        }
    }

    /// ` AND ` the range's condition on a unit-code column, or nothing for every unit.
    private static func scoped(_ range: UnitRange, _ column: String) -> SQL {
        range.condition(on: column).map { " AND " + $0 } ?? ""
    }
}
