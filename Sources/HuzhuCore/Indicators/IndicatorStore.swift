import GRDB

/// The SQL of the indicators (``IndicatorService`` and ``IndicatorGroups``
/// hold what is counted for whom): the group table, then each figure in one
/// grouped pass over the policies or claims, handed to `each` per group.
enum IndicatorStore {
    /// Which units' rows add to which group, as SQL: a table
    /// `grp(unitCode, groupCode)` and where to read the policies with their `groupCode`.
    struct Groups {
        /// The `WITH grp(unitCode, groupCode) AS (…)` clause.
        fileprivate let with: SQL
        /// The policies with their `groupCode`, for a `FROM`.
        fileprivate let policies: SQL
    }

    // MARK: - Groups

    /// One group: the subtree under `path`, reported as `top`.
    static func subtree(top: String, path: String) -> Groups {
        let upper = String(path.dropLast()) + "0"
        let with: SQL = "WITH grp(unitCode, groupCode) AS (SELECT code, \(top) FROM unit WHERE path >= \(path) AND path < \(upper)) "
        return Groups(with: with, policies: "grp CROSS JOIN policy ON policy.unitCode = grp.unitCode")
    }

    /// A group for every unit of the kinds in a range, each with its subtree;
    /// the group codes in path order.
    static func level(_ db: Database, kinds: [UnitKind], in range: UnitRange) throws -> (Groups, codes: [String]) {
        var heads: SQL = "SELECT code, path FROM unit WHERE kind IN \(kinds.map(\.rawValue))"
        if let condition = range.pathCondition { heads = heads + " AND " + condition }
        let codes = try String.fetchAll(db, SQLRequest<String>(literal: "SELECT code FROM (\(heads)) ORDER BY path"))
        let with: SQL = """
            WITH heads AS (\(heads)),
            grp(unitCode, groupCode) AS MATERIALIZED (
              SELECT u.code, heads.code FROM heads JOIN unit u
              ON u.path >= heads.path AND u.path < substr(heads.path, 1, length(heads.path) - 1) || '0'
            ) 
            """
        // When no unit of the level has units under it (grassroots unions,
        // usually), a policy's group is its own unit: group the policies by
        // unit, in the order of their unit index, with no join at all.
        // Otherwise scan the policies once, looking each up in the group
        // table (SQLite builds an automatic index on it).
        let units = try Int.fetchOne(db, SQLRequest<Int>(literal: with + "SELECT COUNT(*) FROM grp")) ?? 0
        let policies: SQL = units == codes.count
            ? "(SELECT policy.*, policy.unitCode AS groupCode FROM policy) AS policy"
            : "policy CROSS JOIN grp ON grp.unitCode = policy.unitCode"
        return (Groups(with: with, policies: policies), codes)
    }

    // MARK: - Employees and policies

    /// The employees of each group in a year (groups without a headcount are left out).
    static func employees(_ db: Database, _ groups: Groups, year: Int, _ each: (_ group: String, _ employees: Int) -> Void) throws {
        try rows(db, groups, """
            SELECT groupCode, SUM(employees) AS n FROM grp CROSS JOIN unitHeadcount ON unitHeadcount.unitCode = grp.unitCode
            WHERE year = \(year) GROUP BY groupCode
            """) { each($0, $1["n"]) }
    }

    /// What one pass over a group's policies enrolled by `to` (not cancelled) counts.
    struct PolicyFigures {
        /// Distinct members with a policy of `to`'s programme year.
        var covered: Int
        /// The policies enrolled from `from` (or, by programme year, those of
        /// terms starting in `to`'s year), their contributions and who pays them.
        var policies: Int
        var contributions: Money
        var split: ContributionSplit
        /// Distinct members enrolled and contributions in the terms starting in `to`'s year (0 unless asked for).
        var yearToDateMembers: Int
        var yearToDateFen: Int64
        /// Per plan asked for, in its order: distinct members covered.
        var coverage: [Int]
    }

    /// One pass over the policies enrolled by `to`, not cancelled: members
    /// covered in `to`'s programme year (a policy of a term starting that
    /// year; per plan for each of `plans`), the period's enrollments and
    /// money (by `programmeYear`: the policies of terms starting in `to`'s
    /// year instead of those enrolled in the period), and, if `yearToDate`,
    /// the programme year's enrollments so far (for targets).
    static func policies(_ db: Database, _ groups: Groups, from: CivilDate, to: CivilDate, yearToDate: Bool,
                         programmeYear: Bool = false,
                         plans: [String], _ each: (_ group: String, PolicyFigures) -> Void) throws {
        let covered: SQL = "year = \(to.year)"
        let yearToDate: SQL = !yearToDate ? "0, 0" : """
            COUNT(DISTINCT CASE WHEN \(covered) THEN memberID END),
            SUM(CASE WHEN \(covered) THEN contribution ELSE 0 END)
            """
        let counted: SQL = programmeYear ? covered : "enrolledOn >= \(from)"
        var planColumns: SQL = ""
        for plan in plans {
            planColumns = planColumns + ", COUNT(DISTINCT CASE WHEN planCode = \(plan) AND \(covered) THEN memberID END)"
        }
        try rows(db, groups, """
            SELECT groupCode,
                   COUNT(DISTINCT CASE WHEN \(covered) THEN memberID END) AS covered,
                   SUM(\(counted)) AS n,
                   SUM(CASE WHEN \(counted) THEN contribution ELSE 0 END) AS total,
                   SUM(CASE WHEN \(counted) THEN splitAdministration ELSE 0 END) AS a,
                   SUM(CASE WHEN \(counted) THEN splitUnion ELSE 0 END) AS u,
                   SUM(CASE WHEN \(counted) THEN splitMember ELSE 0 END) AS m,
                   \(yearToDate) AS ytdMembers_ytdFen \(planColumns)
            FROM \(groups.policies)
            WHERE status <> 'cancelled' AND enrolledOn <= \(to)
            GROUP BY groupCode
            """) { group, row in
            each(group, PolicyFigures(
                covered: row["covered"], policies: row["n"], contributions: row["total"],
                split: ContributionSplit(administration: row["a"], union: row["u"], member: row["m"]),
                yearToDateMembers: row[7], yearToDateFen: row[8], coverage: plans.indices.map { row[9 + $0] }))
        }
    }

    /// Distinct members covered per group and plan in `to`'s programme year
    /// (policies enrolled by `to`, not cancelled).
    static func coverage(_ db: Database, _ groups: Groups, to: CivilDate,
                         _ each: (_ group: String, _ planCode: String, _ members: Int) -> Void) throws {
        let covered: SQL = "year = \(to.year)"
        try rows(db, groups, """
            SELECT groupCode, planCode, COUNT(DISTINCT memberID) AS n
            FROM \(groups.policies)
            WHERE status <> 'cancelled' AND enrolledOn <= \(to) AND \(covered)
            GROUP BY groupCode, planCode
            """) { each($0, $1["planCode"], $1["n"]) }
    }

    // MARK: - Claims

    /// The claims reported in the period, per group.
    static func claimsReported(_ db: Database, _ groups: Groups, from: CivilDate, to: CivilDate,
                               _ each: (_ group: String, _ claims: Int) -> Void) throws {
        try rows(db, groups, """
            SELECT groupCode, COUNT(*) AS n FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode
            WHERE reportedOn >= \(from) AND reportedOn <= \(to) GROUP BY groupCode
            """) { each($0, $1["n"]) }
    }

    /// The claims rejected in the period, per group.
    static func claimsRejected(_ db: Database, _ groups: Groups, from: CivilDate, to: CivilDate,
                               _ each: (_ group: String, _ claims: Int) -> Void) throws {
        try rows(db, groups, """
            SELECT groupCode, COUNT(DISTINCT claim.id) AS n
            FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode CROSS JOIN claimEvent ON claimEvent.claimID = claim.id
            WHERE claimEvent.toStatus = 'rejected' AND claimEvent."on" >= \(from) AND claimEvent."on" <= \(to)
            GROUP BY groupCode
            """) { each($0, $1["n"]) }
    }

    /// Each payment made in the period: its group, amount in fen and the days from report to payout.
    static func payments(_ db: Database, _ groups: Groups, from: CivilDate, to: CivilDate,
                         _ each: (_ group: String, _ fen: Int64, _ days: Int) -> Void) throws {
        try rows(db, groups, """
            SELECT groupCode, claimPayment.amount AS amount,
                   CAST(julianday(claimPayment.paidOn) - julianday(claim.reportedOn) AS INTEGER) AS days
            FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode CROSS JOIN claimPayment ON claimPayment.claimID = claim.id
            WHERE claimPayment.paidOn >= \(from) AND claimPayment.paidOn <= \(to)
            """) { each($0, $1["amount"], $1["days"]) }
    }

    /// The claims reported by `to` that on `to` were waiting at one step
    /// (reported, under review, approved and unpaid) since before `limit`, per group.
    static func overdueClaims(_ db: Database, _ groups: Groups, to: CivilDate, limit: CivilDate,
                              _ each: (_ group: String, _ claims: Int) -> Void) throws {
        // Each claim's status on `to` is its last event by then.
        try rows(db, groups, """
            SELECT groupCode, COUNT(*) AS n
            FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode
            CROSS JOIN claimEvent AS last
              ON last.id = (SELECT MAX(id) FROM claimEvent WHERE claimID = claim.id AND "on" <= \(to))
            WHERE claim.reportedOn <= \(to) AND last.toStatus IN ('reported', 'underReview', 'approved') AND last."on" < \(limit)
            GROUP BY groupCode
            """) { each($0, $1["n"]) }
    }

    /// Runs a query after the group table, handing each row to `each` with its `groupCode`.
    private static func rows(_ db: Database, _ groups: Groups, _ sql: SQL,
                                 _ each: (_ group: String, Row) -> Void) throws {
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: groups.with + sql))
        while let row = try rows.next() { each(row["groupCode"], row) }
    }
}
