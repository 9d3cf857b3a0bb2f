import GRDB

/// The SQL of `huzhu doctor`'s checks (each ``DoctorCheck`` holds what
/// counts as a problem and how it reads). The queries only read; each
/// streams what it finds to `each` in a stable order. Amounts are in fen.
enum DoctorStore {
    // MARK: - SQLite's own checks

    /// `PRAGMA integrity_check`, up to `limit` lines (`["ok"]` when sound).
    static func integrityCheck(_ db: Database, limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: "PRAGMA integrity_check(\(limit))")
    }

    /// `PRAGMA foreign_key_check`: each violation's table, rowid (nil for a
    /// WITHOUT ROWID table), parent table and foreign key id.
    static func foreignKeyViolations(_ db: Database) throws -> [(table: String, rowID: Int64?, parent: String, key: Int)] {
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { (table: $0[0], rowID: $0[1], parent: $0[2], key: $0[3]) }
    }

    /// A table's foreign keys: the column of each, by foreign key id.
    static func foreignKeyColumns(_ db: Database, table: String) throws -> [Int: String] {
        var byKey: [Int: String] = [:]
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table.quotedDatabaseIdentifier))") {
            byKey[row["id"]] = row["from"]
        }
        return byKey
    }

    /// The value of one column of the row with a rowid (NULL if none).
    static func value(_ db: Database, table: String, column: String, rowID: Int64) throws -> DatabaseValue {
        try DatabaseValue.fetchOne(
            db, sql: "SELECT \(column.quotedDatabaseIdentifier) FROM \(table.quotedDatabaseIdentifier) WHERE rowid = ?",
            arguments: [rowID]) ?? .null
    }

    /// Whether a table has an `id` column.
    static func hasIDColumn(_ db: Database, table: String) throws -> Bool {
        try db.columns(in: table).contains { $0.name == "id" }
    }

    // MARK: - Splits

    /// The policies whose split does not add up to the contribution or has
    /// a negative part, by id: id, contribution and the three parts in fen.
    static func badSplits(_ db: Database,
                          _ each: (_ id: Int64, _ contribution: Int64, _ administration: Int64, _ union: Int64,
                                   _ member: Int64) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, contribution, splitAdministration, splitUnion, splitMember FROM policy
            WHERE splitAdministration + splitUnion + splitMember != contribution
               OR splitAdministration < 0 OR splitUnion < 0 OR splitMember < 0
            ORDER BY id
            """)
        while let row = try rows.next() { each(row[0], row[1], row[2], row[3], row[4]) }
    }

    // MARK: - The audit trail

    /// The codes of a code-keyed table's rows without an `insert` audit row, in order.
    static func codesWithoutInsertAudit(_ db: Database, table: String, _ each: (String) -> Void) throws {
        let missing = try String.fetchCursor(db, sql: """
            SELECT code FROM \(table) t
            WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tableName = ? AND a.rowKey = t.code AND a.action = 'insert')
            ORDER BY code
            """, arguments: [table])
        while let code = try missing.next() { each(code) }
    }

    /// A table's `insert` and `import` audit rows: action, row key and the
    /// summary's `firstID` and `lastID`.
    static func insertAudits(_ db: Database, table: String,
                             _ each: (_ action: String, _ rowKey: String, _ firstID: Int64?, _ lastID: Int64?) -> Void) throws {
        let audits = try Row.fetchCursor(db, sql: """
            SELECT action, rowKey, json_extract(summary, '$.firstID'), json_extract(summary, '$.lastID')
            FROM audit WHERE tableName = ? AND action IN ('insert', 'import')
            """, arguments: [table])
        while let row = try audits.next() { each(row[0], row[1], row[2], row[3]) }
    }

    /// A table's keys (an integer column), in order.
    static func keys(_ db: Database, table: String, key: String, _ each: (Int64) -> Void) throws {
        let ids = try Int64.fetchCursor(db, sql: "SELECT \(key) FROM \(table) ORDER BY \(key)")
        while let id = try ids.next() { each(id) }
    }

    // MARK: - Rule versions

    /// A decision whose rule version is missing, of another rule, or not
    /// recorded though a version of its rule was in force.
    struct DecisionVersion {
        var id: Int64
        var kind: String
        var ruleName: String?
        var ruleVersionID: Int64?
        var decidedOn: String
        /// The version found by `ruleVersionID` and its rule's name.
        var foundID: Int64?
        var foundName: String?
    }

    /// The decisions whose rule version is missing, of another rule, or
    /// unrecorded though one was in force, by id.
    static func decisionsWithoutTheirVersion(_ db: Database, _ each: (DecisionVersion) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.id, d.kind, d.ruleName, d.ruleVersionID, d.decidedOn, v.id, v.name,
                   (SELECT MAX(w.id) FROM ruleVersion w WHERE w.name = d.ruleName AND w.effectiveFrom <= d.decidedOn)
            FROM decision d LEFT JOIN ruleVersion v ON v.id = d.ruleVersionID
            WHERE (d.ruleVersionID IS NOT NULL AND (v.id IS NULL OR v.name IS NOT d.ruleName))
               OR (d.ruleVersionID IS NULL AND d.ruleName IS NOT NULL
                   AND EXISTS (SELECT 1 FROM ruleVersion w WHERE w.name = d.ruleName AND w.effectiveFrom <= d.decidedOn))
            ORDER BY d.id
            """)
        while let row = try rows.next() {
            each(DecisionVersion(id: row[0], kind: row[1], ruleName: row[2], ruleVersionID: row[3], decidedOn: row[4],
                                 foundID: row[5], foundName: row[6]))
        }
    }

    /// An appraisal run whose rule version is missing, of another rule or of another text.
    struct AppraisalVersion {
        var id: Int64
        var ruleVersionID: Int64
        var ruleName: String
        var ruleSHA256: String
        /// The version found by `ruleVersionID`, its rule's name and its text's hash.
        var foundID: Int64?
        var foundName: String?
        var foundSHA256: String?
    }

    /// The appraisal runs with a version id whose version is missing, of
    /// another rule or of another text, by id.
    static func appraisalsWithoutTheirVersion(_ db: Database, _ each: (AppraisalVersion) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.id, r.ruleVersionID, r.ruleName, r.ruleSHA256, v.id, v.name, v.sha256
            FROM appraisalRun r LEFT JOIN ruleVersion v ON v.id = r.ruleVersionID
            WHERE r.ruleVersionID IS NOT NULL AND (v.id IS NULL OR v.name != r.ruleName OR v.sha256 != r.ruleSHA256)
            ORDER BY r.id
            """)
        while let row = try rows.next() {
            each(AppraisalVersion(id: row[0], ruleVersionID: row[1], ruleName: row[2], ruleSHA256: row[3],
                                  foundID: row[4], foundName: row[5], foundSHA256: row[6]))
        }
    }

    // MARK: - Payouts: payments against claims, payouts in the ledger, approvals against the caps

    /// The claims with status paid but no payment row, by id.
    static func paidClaimsWithoutPayment(_ db: Database, _ each: (_ claimID: Int64) -> Void) throws {
        let unpaid = try Row.fetchCursor(db, sql: """
            SELECT c.id FROM claim c WHERE c.status = 'paid'
              AND NOT EXISTS (SELECT 1 FROM claimPayment cp WHERE cp.claimID = c.id) ORDER BY c.id
            """)
        while let row = try unpaid.next() { each(row[0]) }
    }

    /// The claims whose payments disagree with their status and decision,
    /// by claim: paid so far (first payment and further ones) less what is
    /// owed back, the status and approved amount. A paid claim keeps its
    /// approved amount, a rejected one (reopened after its payment)
    /// nothing, an approved one (reopened and approved for more) less than
    /// approved; a reported claim has no payment, and one under review may
    /// have any.
    static func paymentsNotAsApproved(_ db: Database,
                                      _ each: (_ claimID: Int64, _ settled: Int64, _ status: String?, _ approved: Int64?) -> Void) throws {
        let payments = try Row.fetchCursor(db, sql: """
            SELECT cp.claimID, cp.amount + COALESCE(a.net, 0) AS settled, c.status, c.approvedAmount
            FROM claimPayment cp LEFT JOIN claim c ON c.id = cp.claimID
            LEFT JOIN (
                SELECT claimID, SUM(CASE kind WHEN 'furtherPayment' THEN amount WHEN 'owed' THEN -amount
                                              ELSE amount END) AS net
                FROM claimAdjustment GROUP BY claimID
            ) a ON a.claimID = cp.claimID
            WHERE c.status IS NULL OR c.status = 'reported'
               OR (c.status = 'paid' AND settled IS NOT c.approvedAmount)
               OR (c.status = 'rejected' AND settled != 0)
               OR (c.status = 'approved' AND settled >= c.approvedAmount)
            ORDER BY cp.claimID
            """)
        while let row = try payments.next() { each(row[0], row[1], row[2], row[3]) }
    }

    /// The further payments and owed amounts of claims without a first payment, by claim.
    static func adjustmentsWithoutPayment(_ db: Database, _ each: (_ claimID: Int64) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT a.claimID FROM claimAdjustment a
            WHERE NOT EXISTS (SELECT 1 FROM claimPayment cp WHERE cp.claimID = a.claimID) ORDER BY a.claimID
            """)
        while let row = try rows.next() { each(row[0]) }
    }

    /// The claims with more live payout entries (not reversed) than
    /// payments (the first and each further one), by claim: how many
    /// entries, how many payments and the entry ids (`"7, 9"`).
    static func claimsPaidTwice(_ db: Database,
                                _ each: (_ claimID: Int64, _ count: Int, _ payments: Int, _ entryIDs: String) -> Void) throws {
        let twice = try Row.fetchCursor(db, sql: """
            SELECT e.claimID, COUNT(*),
                   1 + (SELECT COUNT(*) FROM claimAdjustment a WHERE a.claimID = e.claimID AND a.kind = 'furtherPayment'),
                   GROUP_CONCAT(e.id, ', ')
            FROM ledgerEntry e
            WHERE e.kind = 'payout' AND e.claimID IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ledgerEntry r WHERE r.reversesEntryID = e.id)
            GROUP BY e.claimID
            HAVING COUNT(*) > 1 + (SELECT COUNT(*) FROM claimAdjustment a WHERE a.claimID = e.claimID AND a.kind = 'furtherPayment')
            ORDER BY e.claimID
            """)
        while let row = try twice.next() { each(row[0], row[1], row[2], row[3]) }
    }

    /// The approved or paid claims over the plan's per-claim cap × the
    /// policy's shares, by id: approved amount, the cap × shares, plan and shares.
    static func claimsOverPerClaimCap(_ db: Database,
                                      _ each: (_ claimID: Int64, _ approved: Int64, _ cap: Int64, _ planCode: String,
                                               _ shares: Int) -> Void) throws {
        let perClaim = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.approvedAmount, json_extract(t.rules, '$.perClaimCap') * p.shares, c.planCode, p.shares
            FROM claim c JOIN policy p ON p.id = c.policyID JOIN planTerm t ON t.id = c.planTermID
            WHERE c.status IN ('approved', 'paid') AND json_extract(t.rules, '$.perClaimCap') IS NOT NULL
              AND c.approvedAmount > json_extract(t.rules, '$.perClaimCap') * p.shares
            ORDER BY c.id
            """)
        while let row = try perClaim.next() { each(row[0], row[1], row[2], row[3], row[4]) }
    }

    /// A member's approved and paid claims of one plan term over its per-term cap.
    struct TermOverCap {
        var memberID: Int64
        var termLabel: String
        var planCode: String
        var approved: Int64
        /// The per-term cap × the policy's shares.
        var cap: Int64
        var shares: Int
        /// The claims' ids, `"3, 4"`.
        var claimIDs: String
    }

    /// The members' approved and paid claims per plan term over the plan's
    /// per-term cap × shares, by member and term.
    static func termsOverPerTermCap(_ db: Database, _ each: (TermOverCap) -> Void) throws {
        let perTerm = try Row.fetchCursor(db, sql: """
            SELECT c.memberID, t.label, c.planCode, SUM(c.approvedAmount),
                   MAX(json_extract(t.rules, '$.perTermCap') * p.shares), MAX(p.shares), GROUP_CONCAT(c.id, ', ')
            FROM claim c JOIN policy p ON p.id = c.policyID JOIN planTerm t ON t.id = c.planTermID
            WHERE c.status IN ('approved', 'paid') AND json_extract(t.rules, '$.perTermCap') IS NOT NULL
            GROUP BY c.memberID, c.planTermID
            HAVING SUM(c.approvedAmount) > MAX(json_extract(t.rules, '$.perTermCap') * p.shares)
            ORDER BY c.memberID, c.planTermID
            """)
        while let row = try perTerm.next() {
            each(TermOverCap(memberID: row[0], termLabel: row[1], planCode: row[2], approved: row[3], cap: row[4],
                             shares: row[5], claimIDs: row[6]))
        }
    }

    /// Approved or paid death claims whose member is not recorded as deceased, by claim id:
    /// claim id, member id, claim status, member status, incident date.
    static func deathClaimsOfLivingMembers(
        _ db: Database, _ each: (Int64, Int64, String, String, CivilDate) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.memberID, c.status, m.status, c.incidentDate FROM claim c JOIN member m ON m.id = c.memberID
            WHERE c.kind = 'death' AND c.status IN ('approved', 'paid') AND m.status != 'deceased'
            ORDER BY c.id
            """)
        while let row = try rows.next() { try each(row[0], row[1], row[2], row[3], row[4]) }
    }
}
