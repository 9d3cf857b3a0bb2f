import GRDB

/// The SQL and stored records of claims, their documents, reviews, events
/// and payments (``ClaimService`` holds the state machine and the checks).
enum ClaimStore {
    // MARK: - Claims

    static func claim(_ db: Database, id: Int64) throws -> Claim? {
        try Claim.fetchOne(db, key: id)
    }

    /// Stores a new claim, giving it its id.
    static func insert(_ db: Database, _ claim: inout Claim) throws {
        try claim.insert(db)
    }

    /// Stores a claim's changes (its status, amount, reason).
    static func update(_ db: Database, _ claim: Claim) throws {
        try claim.update(db)
    }

    /// The claimant's resident ID and the policy term's label.
    static func residentIDAndTerm(_ db: Database, memberID: Int64, termID: Int64) throws -> (residentID: ResidentID, term: String) {
        let row = try Row.fetchOne(db, sql: """
            SELECT member.residentID, planTerm.label FROM member, planTerm WHERE member.id = ? AND planTerm.id = ?
            """, arguments: [memberID, termID])!
        return (row[0], row[1])
    }

    static func termLabel(_ db: Database, termID: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT label FROM planTerm WHERE id = ?", arguments: [termID])
    }

    /// An earlier claim of the same policy, kind and incident day that was not rejected.
    static func duplicate(_ db: Database, policyID: Int64, kind: ClaimKind, incidentDate: CivilDate) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT id FROM claim WHERE policyID = ? AND kind = ? AND incidentDate = ? AND status != 'rejected'
            ORDER BY id LIMIT 1
            """, arguments: [policyID, kind.rawValue, incidentDate])
    }

    /// The member's policy of a plan covering a day, the active one before a cancelled one.
    static func policy(_ db: Database, memberID: Int64, planCode: String, covering date: CivilDate) throws -> Policy? {
        try Policy
            .filter(Policy.Columns.memberID == memberID && Policy.Columns.planCode == planCode
                    && Policy.Columns.startDate <= date && Policy.Columns.endDate >= date)
            .order(Policy.Columns.status == PolicyStatus.cancelled.rawValue, Policy.Columns.id.desc)
            .fetchOne(db)
    }

    /// The member's policies of the same plan starting before a policy, not
    /// cancelled, latest first (for the continuous cover a benefit counts from).
    static func earlierPolicies(_ db: Database, of policy: Policy) throws -> [Policy] {
        // `+planCode` keeps SQLite on the member's index: without statistics it would otherwise
        // pick policy_on_planCode_year and read every policy of the plan (600,000 in the 1M demo).
        try Policy.fetchAll(db, sql: """
            SELECT * FROM policy
            WHERE memberID = ? AND +planCode = ? AND status <> ? AND startDate < ?
            ORDER BY startDate DESC
            """, arguments: [policy.memberID, policy.planCode, PolicyStatus.cancelled.rawValue, policy.startDate])
    }

    /// The fen of a member's approved and paid claims in a plan term, apart from one claim.
    static func approvedInTerm(_ db: Database, memberID: Int64, planTermID: Int64, excluding claimID: Int64?) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(approvedAmount), 0) FROM claim
            WHERE memberID = ? AND planTermID = ? AND status IN ('approved', 'paid') AND id IS NOT ?
            """, arguments: [memberID, planTermID, claimID]) ?? 0
    }

    /// The claims meeting the conditions (on `claim`), in an order and up to a limit.
    static func claims(_ db: Database, where conditions: [SQL], suffix: SQL) throws -> [Claim] {
        try Claim.fetchAll(db, request(conditions, suffix: suffix))
    }

    static func cursor(_ db: Database, where conditions: [SQL]) throws -> RecordCursor<Claim> {
        try Claim.fetchCursor(db, request(conditions, suffix: "ORDER BY claim.id"))
    }

    static func count(_ db: Database, where conditions: [SQL]) throws -> Int {
        var sql: SQL = "SELECT COUNT(*) FROM claim"
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        return try Int.fetchOne(db, SQLRequest<Int>(literal: sql)) ?? 0
    }

    private static func request(_ conditions: [SQL], suffix: SQL) -> SQLRequest<Claim> {
        var sql: SQL = "SELECT claim.* FROM claim"
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        return SQLRequest(literal: sql + " " + suffix)
    }

    // MARK: - Documents, reviews, events, payments

    static func documents(_ db: Database, claimID: Int64) throws -> [ClaimDocumentStatus] {
        try ClaimDocumentStatus.filter(ClaimDocumentStatus.Columns.claimID == claimID).fetchAll(db)
    }

    /// Stores a line of a new claim's document checklist.
    static func insert(_ db: Database, _ document: ClaimDocumentStatus) throws {
        try document.insert(db)
    }

    /// Marks documents handed in (a document the checklist did not ask for is added as not required).
    static func provide(_ db: Database, claimID: Int64, _ documents: Set<ClaimDocument>) throws {
        for document in documents {
            try db.execute(sql: """
                INSERT INTO claimDocument (claimID, document, required, provided) VALUES (?, ?, 0, 1)
                ON CONFLICT (claimID, document) DO UPDATE SET provided = 1
                """, arguments: [claimID, document.rawValue])
        }
    }

    static func reviews(_ db: Database, claimID: Int64) throws -> [ClaimReview] {
        try ClaimReview.filter(ClaimReview.Columns.claimID == claimID).order(ClaimReview.Columns.round).fetchAll(db)
    }

    static func currentReview(_ db: Database, claimID: Int64) throws -> ClaimReview? {
        try ClaimReview.filter(ClaimReview.Columns.claimID == claimID).order(ClaimReview.Columns.round.desc).fetchOne(db)
    }

    /// Stores a new review round, giving it its id.
    static func insert(_ db: Database, _ review: inout ClaimReview) throws {
        try review.insert(db)
    }

    /// Stores a review round's decision.
    static func update(_ db: Database, _ review: ClaimReview) throws {
        try review.update(db)
    }

    static func lastRound(_ db: Database, claimID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(round), 0) FROM claimReview WHERE claimID = ?", arguments: [claimID]) ?? 0
    }

    static func events(_ db: Database, claimID: Int64) throws -> [ClaimEvent] {
        try ClaimEvent.filter(ClaimEvent.Columns.claimID == claimID).order(ClaimEvent.Columns.id).fetchAll(db)
    }

    /// Stores a claim's status change (the event table is append-only), giving it its id.
    static func insert(_ db: Database, _ event: inout ClaimEvent) throws {
        try event.insert(db)
    }

    static func payment(_ db: Database, claimID: Int64) throws -> ClaimPayment? {
        try ClaimPayment.fetchOne(db, key: claimID)
    }

    /// Stores a claim's payment (the table's key refuses a second one).
    static func insert(_ db: Database, _ payment: ClaimPayment) throws {
        try payment.insert(db)
    }

    // MARK: - Adjustments (reopened paid claims)

    static func adjustments(_ db: Database, claimID: Int64) throws -> [ClaimAdjustment] {
        try ClaimAdjustment.filter(ClaimAdjustment.Columns.claimID == claimID).order(ClaimAdjustment.Columns.id).fetchAll(db)
    }

    /// Stores an adjustment, giving it its id.
    static func insert(_ db: Database, _ adjustment: inout ClaimAdjustment) throws {
        try adjustment.insert(db)
    }

    /// The claims meeting the conditions (on `claim`) with an amount still owed back (owed − repaid), by id:
    /// the claim, paid so far, owed, repaid and the day the last owed amount was recorded.
    static func owed(_ db: Database, where conditions: [SQL]) throws
        -> [(Claim, paid: Int64, owed: Int64, repaid: Int64, since: CivilDate)] {
        var sql: SQL = """
            SELECT claim.*, COALESCE(cp.amount, 0) + x.further AS paidSoFar, x.owed AS owedBack,
                   COALESCE(r.repaid, 0) AS repaidBack, x.since AS owedSince
            FROM claim
            JOIN (
                SELECT claimID,
                       SUM(CASE kind WHEN 'furtherPayment' THEN amount ELSE 0 END) AS further,
                       SUM(CASE kind WHEN 'owed' THEN amount WHEN 'owedCancelled' THEN -amount ELSE 0 END) AS owed,
                       MAX(CASE kind WHEN 'owed' THEN "on" END) AS since
                FROM claimAdjustment GROUP BY claimID
            ) x ON x.claimID = claim.id
            LEFT JOIN claimPayment cp ON cp.claimID = claim.id
            LEFT JOIN (SELECT claimID, SUM(amount) AS repaid FROM claimRepayment GROUP BY claimID) r ON r.claimID = claim.id
            WHERE x.owed - COALESCE(r.repaid, 0) > 0
            """
        for condition in conditions { sql = sql + " AND " + condition }
        let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: sql + " ORDER BY claim.id"))
        return try rows.map { row in
            (try Claim(row: row), paid: row["paidSoFar"], owed: row["owedBack"], repaid: row["repaidBack"],
             since: row["owedSince"])
        }
    }

    /// What a member repaid on a claim so far, in fen.
    static func repaid(_ db: Database, claimID: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM claimRepayment WHERE claimID = ?",
                           arguments: [claimID]) ?? 0
    }

    /// A claim's repayments, oldest first.
    static func repayments(_ db: Database, claimID: Int64) throws -> [ClaimRepayment] {
        try ClaimRepayment.fetchAll(db, sql: "SELECT * FROM claimRepayment WHERE claimID = ? ORDER BY id", arguments: [claimID])
    }

    /// Stores a repayment, giving it its id.
    static func insert(_ db: Database, _ repayment: inout ClaimRepayment) throws {
        try repayment.insert(db)
    }
}
