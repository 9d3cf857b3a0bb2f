import GRDB

/// The SQL of policies: look-ups, inserts and updates, expiry, the listings
/// and counts, a member's standing in other policies and the participation
/// figures, and group enrolment's set queries and batch insert
/// (``EnrollmentService`` and ``EligibilityRules`` hold the rules).
enum PolicyStore {
    // MARK: - Policies

    static func policy(_ db: Database, id: Int64) throws -> Policy? {
        try Policy.fetchOne(db, key: id)
    }

    /// Stores a new policy, giving it its id.
    static func insert(_ db: Database, _ policy: inout Policy) throws {
        try policy.insert(db)
    }

    static func update(_ db: Database, _ policy: Policy) throws {
        try policy.update(db)
    }

    /// The active policies in a range of units whose cover ended before a day.
    static func expiredIDs(_ db: Database, _ range: UnitRange, before today: CivilDate) throws -> [Int64] {
        var sql: SQL = "SELECT id FROM policy WHERE status = 'active' AND endDate < \(today)"
        if let condition = range.condition(on: "unitCode") { sql = sql + " AND " + condition }
        return try Int64.fetchAll(db, SQLRequest<Int64>(literal: sql))
    }

    /// Marks a policy expired.
    static func expire(_ db: Database, id: Int64) throws {
        try db.execute(literal: "UPDATE policy SET status = 'expired' WHERE id = \(id)")
    }

    /// A member's active policies, in id order (for a life event's effects).
    static func activePolicies(_ db: Database, memberID: Int64) throws -> [Policy] {
        try Policy.filter(Policy.Columns.memberID == memberID && Policy.Columns.status == PolicyStatus.active.rawValue)
            .order(Policy.Columns.id).fetchAll(db)
    }

    /// The first claim on a policy, not rejected, whose incident is after a day: its id and incident date.
    static func claimAfter(_ db: Database, policyID: Int64, date: CivilDate) throws -> (id: Int64, incident: CivilDate)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, incidentDate FROM claim WHERE policyID = ? AND incidentDate > ? AND status != 'rejected'
            ORDER BY incidentDate, id LIMIT 1
            """, arguments: [policyID, date]) else { return nil }
        return (row[0], row[1])
    }

    // MARK: - Standing

    /// Whether a member holds an active policy in a term.
    static func holds(_ db: Database, memberID: Int64, termID: Int64) throws -> Bool {
        try Policy.filter(Policy.Columns.memberID == memberID && Policy.Columns.planTermID == termID
                          && Policy.Columns.status == PolicyStatus.active.rawValue).fetchCount(db) > 0
    }

    /// The member's earliest active policy of another plan of an exclusive
    /// group in a term overlapping `term`: its plan and term label.
    static func exclusivePolicy(_ db: Database, memberID: Int64, group: String, otherThan planCode: String,
                                overlapping term: PlanTerm) throws -> (plan: String, term: String)? {
        guard let other = try Row.fetchOne(db, sql: """
            SELECT policy.planCode, planTerm.label FROM policy
            JOIN planTerm ON planTerm.id = policy.planTermID
            JOIN plan ON plan.code = policy.planCode
            WHERE policy.memberID = ? AND policy.status = 'active' AND plan.exclusiveGroup = ?
              AND policy.planCode <> ? AND planTerm.startDate <= ? AND planTerm.endDate >= ?
            ORDER BY planTerm.startDate LIMIT 1
            """, arguments: [memberID, group, planCode, term.endDate, term.startDate]) else { return nil }
        return (plan: other[0], term: other[1])
    }

    // MARK: - Listings

    /// The conditions on `policy` of a listing: its units, plan, year,
    /// status and member (by resident ID as stored).
    static func conditions(_ range: UnitRange, planCode: String?, year: Int?, status: PolicyStatus?,
                           residentID: String?) -> [SQL] {
        var conditions: [SQL] = []
        if let condition = range.condition(on: "policy.unitCode") { conditions.append(condition) }
        if let planCode { conditions.append("policy.planCode = \(planCode)") }
        if let year { conditions.append("policy.year = \(year)") }
        if let status { conditions.append("policy.status = \(status.rawValue)") }
        if let residentID {
            conditions.append("policy.memberID = (SELECT id FROM member WHERE residentID = \(residentID))")
        }
        return conditions
    }

    /// The policy with a row id, with its member's resident ID and its term's label.
    static func detail(_ db: Database, id: Int64) throws -> PolicyDetail? {
        try PolicyDetail.fetchOne(db, detailRequest(conditions: ["policy.id = \(id)"]))
    }

    /// The policies meeting the conditions, with their details, streamed.
    static func details(_ db: Database, where conditions: [SQL]) throws -> RecordCursor<PolicyDetail> {
        try PolicyDetail.fetchCursor(db, detailRequest(conditions: conditions))
    }

    /// Up to `limit` policies meeting the conditions with an id above `after`, in id order.
    static func page(_ db: Database, where conditions: [SQL], after: Int64?, limit: Int) throws -> [PolicyDetail] {
        var conditions = conditions
        if let after { conditions.append("policy.id > \(after)") }
        return try PolicyDetail.fetchAll(db, detailRequest(conditions: conditions, suffix: "ORDER BY policy.id LIMIT \(limit)"))
    }

    static func count(_ db: Database, where conditions: [SQL]) throws -> Int {
        var sql: SQL = "SELECT COUNT(*) FROM policy"
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        return try Int.fetchOne(db, SQLRequest<Int>(literal: sql)) ?? 0
    }

    private static func detailRequest(conditions: [SQL], suffix: SQL? = nil) -> SQLRequest<PolicyDetail> {
        var sql: SQL = """
            SELECT policy.*, member.residentID AS residentID, planTerm.label AS termLabel
            FROM policy
            JOIN member ON member.id = policy.memberID
            JOIN planTerm ON planTerm.id = policy.planTermID
            """
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL(conditions.joined(operator: .and)) }
        if let suffix { sql = sql + " " + suffix }
        return SQLRequest(literal: sql)
    }

    // MARK: - Participation

    /// Distinct members, policies and contributions of a year's policies not
    /// cancelled in a range of units (of one plan, if given).
    static func participation(_ db: Database, _ range: UnitRange, year: Int,
                              planCode: String?) throws -> (members: Int, policies: Int, contributions: Money) {
        var sql: SQL = """
            SELECT COUNT(DISTINCT memberID), COUNT(*), COALESCE(SUM(contribution), 0) FROM policy
            WHERE year = \(year) AND status <> \(PolicyStatus.cancelled.rawValue)
            """
        if let planCode { sql = sql + " AND planCode = \(planCode)" }
        if let condition = range.condition(on: "unitCode") { sql = sql + " AND " + condition }
        let row = try Row.fetchOne(db, SQLRequest<Row>(literal: sql))!
        return (row[0], row[1], Money(fen: row[2]))
    }

    // MARK: - Group enrolment
    //
    // Cached statements: a city's enrollment makes thousands of batches in one transaction.

    /// A unit's headcount for a year, if recorded.
    static func employees(_ db: Database, unitCode: String, year: Int) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT employees FROM unitHeadcount WHERE unitCode = ? AND year = ?
            """), arguments: [unitCode, year])
    }

    /// The unit's own members holding an active policy in a term.
    static func holders(_ db: Database, unitCode: String, termID: Int64) throws -> Set<Int64> {
        // CROSS JOIN keeps the unit's members as the outer loop (SQLite does not reorder it):
        // without statistics the planner would otherwise scan every policy of the term, once per unit.
        Set(try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT policy.memberID FROM member CROSS JOIN policy ON policy.memberID = member.id
            WHERE member.unitCode = ? AND policy.planTermID = ? AND policy.status = 'active'
            """), arguments: [unitCode, termID]))
    }

    /// For each of the unit's own members holding one, the earliest active
    /// policy of another plan of an exclusive group in a term overlapping
    /// `term`: its plan and term label, by member id.
    static func exclusivePolicies(_ db: Database, unitCode: String, group: String, otherThan planCode: String,
                                  overlapping term: PlanTerm) throws -> [Int64: (plan: String, term: String)] {
        var exclusive: [Int64: (plan: String, term: String)] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT policy.memberID, policy.planCode, planTerm.label FROM member
            CROSS JOIN policy ON policy.memberID = member.id
            JOIN planTerm ON planTerm.id = policy.planTermID
            JOIN plan ON plan.code = policy.planCode
            WHERE member.unitCode = ? AND policy.status = 'active' AND plan.exclusiveGroup = ?
              AND policy.planCode <> ? AND planTerm.startDate <= ? AND planTerm.endDate >= ?
            ORDER BY planTerm.startDate DESC
            """), arguments: [unitCode, group, planCode, term.endDate, term.startDate])
        while let row = try rows.next() { exclusive[row[0]] = (plan: row[1], term: row[2]) }   // the earliest wins
        return exclusive
    }

    /// The unit's own active members, in id order, streamed.
    static func activeMembers(_ db: Database, unitCode: String) throws -> RecordCursor<Member> {
        try Member.fetchCursor(db.cachedStatement(sql: """
            SELECT * FROM member WHERE unitCode = ? AND status = 'active' ORDER BY id
            """), arguments: [unitCode])
    }

    /// The units (in path order, within `range`) whose members now hold a
    /// policy, not cancelled, in a term: where a renewal from that term goes.
    static func renewalUnits(_ db: Database, termID: Int64, in range: UnitRange) throws -> [String] {
        var sql: SQL = """
            SELECT unit.code FROM unit WHERE EXISTS (
              SELECT 1 FROM member CROSS JOIN policy ON policy.memberID = member.id
              WHERE member.unitCode = unit.code AND policy.planTermID = \(termID) AND policy.status <> 'cancelled')
            """
        if let condition = range.pathCondition { sql = sql + " AND " + condition }
        return try String.fetchAll(db, SQLRequest<String>(literal: sql + " ORDER BY unit.path"))
    }

    /// The unit's own members (any status) holding a policy, not cancelled,
    /// in a term, in id order, each with the shares held.
    static func renewals(_ db: Database, unitCode: String, termID: Int64) throws -> [(member: Member, shares: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT member.*, held.shares AS heldShares FROM member
            CROSS JOIN (SELECT memberID, MAX(shares) AS shares FROM policy
                        WHERE planTermID = ? AND status <> 'cancelled' GROUP BY memberID) AS held
              ON held.memberID = member.id
            WHERE member.unitCode = ? ORDER BY member.id
            """, arguments: [termID, unitCode]).map { (member: try Member(row: $0), shares: $0["heldShares"]) }
    }

    /// Stores a new batch, giving it its id.
    static func insert(_ db: Database, _ batch: inout EnrollmentBatch) throws {
        try batch.insert(db)
    }

    /// Inserts a batch's policies, 64 rows per statement; returns their ids (consecutive).
    static func insertPolicies(_ db: Database, _ policies: [Policy]) throws -> ClosedRange<Int64>? {
        let insert = try BatchInsert(db, table: "policy", columns: [
            "memberID", "planTermID", "planCode", "year", "unitCode", "shares", "startDate", "endDate",
            "contribution", "splitAdministration", "splitUnion", "splitMember", "batchID", "status",
            "enrolledOn", "operator", "scriptName", "scriptSHA256",
        ], cached: true)
        let status = PolicyStatus.active.rawValue
        return try insert.insert(count: policies.count) { statement, index, _, offset in
            let policy = policies[index]
            statement.bind(policy.memberID, at: offset + 1)
            statement.bind(policy.planTermID, at: offset + 2)
            statement.bind(policy.planCode, at: offset + 3)
            statement.bind(Int64(policy.year), at: offset + 4)
            statement.bind(policy.unitCode, at: offset + 5)
            statement.bind(Int64(policy.shares), at: offset + 6)
            statement.bind(policy.startDate.description, at: offset + 7)
            statement.bind(policy.endDate.description, at: offset + 8)
            statement.bind(policy.contribution.fen, at: offset + 9)
            statement.bind(policy.split.administration.fen, at: offset + 10)
            statement.bind(policy.split.union.fen, at: offset + 11)
            statement.bind(policy.split.member.fen, at: offset + 12)
            statement.bind(policy.batchID!, at: offset + 13)
            statement.bind(status, at: offset + 14)
            statement.bind(policy.enrolledOn.description, at: offset + 15)
            statement.bind(policy.provenance.operatorName, at: offset + 16)
            statement.bindOptional(policy.provenance.scriptName, at: offset + 17)
            statement.bindOptional(policy.provenance.scriptSHA256, at: offset + 18)
        }
    }
}
