import GRDB

/// Entries posted set-wise, one per policy selected (``LedgerService/postSet(_:_:context:)``):
/// what to select, the memo, and each line's account and amounts as SQL
/// expressions over the policy `p` (and whatever ``selection`` and ``join`` name).
/// Balanced by construction: the caller's debits and credits add up per row.
struct LedgerPostingSet {
    var kind: LedgerEntryKind
    var date: CivilDate
    /// The bill every entry is on (enrolment batches), or none.
    var billID: Int64? = nil
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

    /// A claim's balance on an account, on the account's normal side, in fen.
    static func claimBalance(_ db: Database, claimID: Int64, account: LedgerAccount) throws -> Int64 {
        let sign = account.normalSide == .debit ? "l.debit - l.credit" : "l.credit - l.debit"
        return try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(\(sign)), 0) FROM ledgerLine l JOIN ledgerEntry e ON e.id = l.entryID
            WHERE e.claimID = ? AND l.account = ?
            """, arguments: [claimID, account.rawValue]) ?? 0
    }

    // MARK: - Sets

    /// The contributions of a batch's active policies not yet posted, as
    /// ``LedgerService/postSet(_:_:context:)`` posts them: an entry each on
    /// the batch's bill, debiting `receivable:contributions` and crediting
    /// each payer's part.
    static func contributionSet(batchID: Int64, date: CivilDate, billID: Int64?) -> LedgerPostingSet {
        LedgerPostingSet(
            kind: .contribution, date: date, billID: billID,
            memo: "'contribution of policy ' || p.id || ' (' || p.planCode || ' ' || p.year || ')'",
            selection: """
                FROM policy p
                WHERE p.batchID = ? AND p.status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM ledgerEntry e WHERE e.policyID = p.id AND e.kind = 'contribution')
                """,
            arguments: [batchID],
            join: "JOIN policy p ON p.id = e.policyID",
            lines: [
                (.receivableContributions, "p.contribution", "0"),
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
            INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator, scriptName, scriptSHA256, billID)
            SELECT ?, ?, \(set.memo), p.id, p.unitCode, ?, ?, ?, ?, ?
            \(set.selection)
            ORDER BY \(set.order)
            """).execute(arguments: [set.date.description, set.kind.rawValue, AuditLog.timestamp(context.clock()),
                                     context.operatorName, context.scriptName, context.scriptSHA256, set.billID] + set.arguments)
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

    /// What each claim expects in the books, per account: benefits:paid (what the member keeps, plus
    /// what is approved and unpaid), benefits:payable (approved − paid) and members:owe (owed − repaid);
    /// and what is posted (`x…`), per claim (`c.id`, `c.unitCode`).
    private static let claimBooks: SQL = """
        WITH money AS (
            SELECT c.id AS id, c.unitCode AS unitCode,
                   COALESCE(cp.amount, 0) + COALESCE(a.further, 0) AS paid,
                   COALESCE(a.owed, 0) AS owed, COALESCE(r.repaid, 0) AS repaid,
                   CASE WHEN c.status = 'approved'
                        THEN c.approvedAmount - (COALESCE(cp.amount, 0) + COALESCE(a.further, 0) - COALESCE(a.owed, 0))
                        ELSE 0 END AS payable
            FROM claim c
            LEFT JOIN claimPayment cp ON cp.claimID = c.id
            LEFT JOIN (
                SELECT claimID, SUM(CASE kind WHEN 'furtherPayment' THEN amount ELSE 0 END) AS further,
                       SUM(CASE kind WHEN 'owed' THEN amount WHEN 'owedCancelled' THEN -amount ELSE 0 END) AS owed
                FROM claimAdjustment GROUP BY claimID
            ) a ON a.claimID = c.id
            LEFT JOIN (SELECT claimID, SUM(amount) AS repaid FROM claimRepayment GROUP BY claimID) r ON r.claimID = c.id
        ),
        posted AS (
            SELECT e.claimID AS claimID,
                   SUM(CASE WHEN l.account = 'benefits:paid' THEN l.debit - l.credit ELSE 0 END) AS expense,
                   SUM(CASE WHEN l.account = 'benefits:payable' THEN l.credit - l.debit ELSE 0 END) AS payable,
                   SUM(CASE WHEN l.account = 'members:owe' THEN l.debit - l.credit ELSE 0 END) AS owe
            FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
            WHERE e.claimID IS NOT NULL GROUP BY e.claimID
        ),
        books AS (
            SELECT m.id, m.unitCode, m.paid - m.owed + m.payable AS expense, m.payable, m.owed - m.repaid AS owe,
                   m.paid AS paidOut, m.repaid AS repaidIn,
                   COALESCE(p.expense, 0) AS xExpense, COALESCE(p.payable, 0) AS xPayable, COALESCE(p.owe, 0) AS xOwe
            FROM money m LEFT JOIN posted p ON p.claimID = m.id
        )
        """

    /// What the claims in a range of units expect on benefits:paid, benefits:payable and members:owe, then
    /// the money paid out to members and repaid by them, in fen.
    static func claimTotals(_ db: Database, in range: UnitRange) throws -> [Int64] {
        let row = try Row.fetchOne(db, SQLRequest<Row>(literal: claimBooks + """
             SELECT COALESCE(SUM(expense), 0), COALESCE(SUM(payable), 0), COALESCE(SUM(owe), 0),
                    COALESCE(SUM(paidOut), 0), COALESCE(SUM(repaidIn), 0) FROM books WHERE 1
            """ + scoped(range, "unitCode")))!
        return [row[0], row[1], row[2], row[3], row[4]]
    }

    /// Each claim in a range of units whose posted benefits:paid, benefits:payable or members:owe differ from
    /// what its approvals, payments, amounts owed back and repayments say, by id, streamed: expected and
    /// posted fen per account (benefits:paid, benefits:payable, members:owe).
    static func mispostedClaims(_ db: Database, in range: UnitRange,
                                  _ each: (_ claimID: Int64, _ expected: [Int64], _ posted: [Int64]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: claimBooks + """
             SELECT id, expense, payable, owe, xExpense, xPayable, xOwe FROM books
            WHERE (expense != xExpense OR payable != xPayable OR owe != xOwe)
            """ + scoped(range, "unitCode") + " ORDER BY id"))
        while let row = try rows.next() {
            try each(row[0], [row[1], row[2], row[3]], [row[4], row[5], row[6]])
        }
    }

    /// Each entry in a range of units dated in a closed period but posted (`at`) after that closing, by id,
    /// streamed: its id, date, the month the books were closed through, and its debits in fen.
    static func entriesPostedIntoClosedPeriods(_ db: Database, in range: UnitRange,
                                               _ each: (_ id: Int64, _ date: String, _ month: String, _ debits: Int64) throws -> Void)
        throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ledgerClosing)") == true else { return }
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: """
            SELECT e.id, e.entryDate,
                   (SELECT MAX(c.throughMonth) FROM ledgerClosing c WHERE c.throughDate >= e.entryDate AND c.at < e.at),
                   (SELECT COALESCE(SUM(l.debit), 0) FROM ledgerLine l WHERE l.entryID = e.id)
            FROM ledgerEntry e
            WHERE EXISTS (SELECT 1 FROM ledgerClosing c WHERE c.throughDate >= e.entryDate AND c.at < e.at)
            """ + scoped(range, "e.unitCode") + " ORDER BY e.id"))
        while let row = try rows.next() {
            try each(row[0], row[1], row[2], row[3])
        }
    }

    /// ` AND ` the range's condition on a unit-code column, or nothing for every unit.
    private static func scoped(_ range: UnitRange, _ column: String) -> SQL {
        range.condition(on: column).map { " AND " + $0 } ?? ""
    }
}
