import GRDB

/// Computes ``Indicators`` for one subtree or for every unit of a level,
/// each figure in one grouped SQL pass over the policies and claims.
///
/// ```swift
/// let service = IndicatorService(scope: .everything)
/// let bh = try service.indicators(db, unitCode: "BH", from: jan1, to: jun30)
/// let districts = try service.indicators(db, level: .district, from: jan1, to: jun30)   // one per district, path order
/// ```
public struct IndicatorService: Sendable {
    /// The subtree the figures may come from.
    public let scope: Scope

    /// Creates the service for a scope.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    /// The figures of one unit's subtree over a period.
    ///
    /// - Throws: ``ValidationError``: unknown (E208) or out-of-scope (E250) unit, `to` before `from` (E1008).
    public func indicators(_ db: Database, unitCode: String, from: CivilDate, to: CivilDate,
                           overdueDays: Int = 30) throws -> Indicators {
        try indicators(db, groups: .subtree(unitCode), from: from, to: to, overdueDays: overdueDays)[0]
    }

    /// The figures of every unit of a kind in the scope, in path order.
    public func indicators(_ db: Database, level: UnitKind, from: CivilDate, to: CivilDate,
                           overdueDays: Int = 30) throws -> [Indicators] {
        try indicators(db, groups: .level(level), from: from, to: to, overdueDays: overdueDays)
    }

    /// Up to this many plans, coverage per plan is counted in the main pass
    /// over the policies (one COUNT(DISTINCT …) each); with more, in a pass of its own.
    var plansCountedInOnePass = 12

    /// The figures of each group, in the groups' order.
    public func indicators(_ db: Database, groups: IndicatorGroups, from: CivilDate, to: CivilDate,
                           overdueDays: Int) throws -> [Indicators] {
        guard from <= to else {
            throw ValidationError(ValidationFailure(.periodInvalid, field: "to", value: .plain(to.description),
                                                    ["from": from.description, "to": to.description]))
        }
        let (with, codes, policies) = try groups.table(db, scope: scope)
        var figures: [String: Indicators] = [:]
        for code in codes { figures[code] = Indicators(unitCode: code, from: from, to: to, overdueDays: overdueDays) }
        func each(_ sql: SQL, _ body: (inout Indicators, Row) -> Void) throws {
            let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: with + sql))
            while let row = try rows.next() {
                let code: String = row["groupCode"]
                if figures[code] != nil { body(&figures[code]!, row) }
            }
        }

        try each("""
            SELECT groupCode, SUM(employees) AS n FROM grp CROSS JOIN unitHeadcount ON unitHeadcount.unitCode = grp.unitCode
            WHERE year = \(to.year) GROUP BY groupCode
            """) { $0.employees = $1["n"] }
        // One pass over the policies enrolled by `to`: members covered in the
        // period (in all and per plan), the period's enrollments and money,
        // and (for targets) the year's enrollments so far. With many plans
        // the coverage per plan takes a pass of its own.
        let first = CivilDate(year: to.year, month: 1, day: 1)!
        let targets = try self.targets(db, codes: codes, year: to.year)
        // Enrolled (参保) in the programme year of `to`: a policy of a term starting that year.
        let covered: SQL = "year = \(to.year)"
        let yearToDate: SQL = targets.isEmpty ? "0, 0" : """
            COUNT(DISTINCT CASE WHEN enrolledOn >= \(first) THEN memberID END),
            SUM(CASE WHEN enrolledOn >= \(first) THEN contribution ELSE 0 END)
            """
        let plans = try String.fetchAll(db, sql: "SELECT code FROM plan ORDER BY code")
        let perPlanInPass = plans.count <= plansCountedInOnePass
        var planColumns: SQL = ""
        if perPlanInPass {
            for plan in plans {
                planColumns = planColumns + ", COUNT(DISTINCT CASE WHEN planCode = \(plan) AND \(covered) THEN memberID END)"
            }
        }
        try each("""
            SELECT groupCode,
                   COUNT(DISTINCT CASE WHEN \(covered) THEN memberID END) AS covered,
                   SUM(enrolledOn >= \(from)) AS n,
                   SUM(CASE WHEN enrolledOn >= \(from) THEN contribution ELSE 0 END) AS total,
                   SUM(CASE WHEN enrolledOn >= \(from) THEN splitAdministration ELSE 0 END) AS a,
                   SUM(CASE WHEN enrolledOn >= \(from) THEN splitUnion ELSE 0 END) AS u,
                   SUM(CASE WHEN enrolledOn >= \(from) THEN splitMember ELSE 0 END) AS m,
                   \(yearToDate) AS ytdMembers_ytdFen \(planColumns)
            FROM \(policies)
            WHERE status <> 'cancelled' AND enrolledOn <= \(to)
            GROUP BY groupCode
            """) { figures, row in
            figures.enrolledMembers = row["covered"]
            figures.policies = row["n"]
            figures.contributions = row["total"]
            figures.split = ContributionSplit(administration: row["a"], union: row["u"], member: row["m"])
            if let target = targets[figures.unitCode] {
                figures.target = TargetProgress(target: target, asOf: to, enrolledMembers: row[7],
                                                contributions: Money(fen: row[8]), reachedOn: nil)
            }
            if perPlanInPass {
                for (index, plan) in plans.enumerated() {
                    let members: Int = row[9 + index]
                    if members > 0 { figures.coverage[plan] = members }
                }
            }
        }
        for (code, target) in targets where figures[code]!.target == nil {
            figures[code]!.target = TargetProgress(target: target, asOf: to, enrolledMembers: 0, contributions: .zero, reachedOn: nil)
        }
        if !perPlanInPass {
            try each("""
                SELECT groupCode, planCode, COUNT(DISTINCT memberID) AS n
                FROM \(policies)
                WHERE status <> 'cancelled' AND enrolledOn <= \(to) AND \(covered)
                GROUP BY groupCode, planCode
                """) {
                $0.coverage[$1["planCode"]] = $1["n"]
            }
        }
        let days = try claims(each, from: from, to: to, overdueDays: overdueDays)
        for (code, list) in days { Self.setDaysToPay(&figures[code]!, list) }
        return codes.map { figures[$0]! }
    }

    /// Claims reported, rejected and paid in the period and overdue claims
    /// on `to`; returns the days from report to payout per group.
    private func claims(_ each: (SQL, (inout Indicators, Row) -> Void) throws -> Void,
                        from: CivilDate, to: CivilDate, overdueDays: Int) throws -> [String: [Int]] {
        try each("""
            SELECT groupCode, COUNT(*) AS n FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode
            WHERE reportedOn >= \(from) AND reportedOn <= \(to) GROUP BY groupCode
            """) { $0.claimsReported = $1["n"] }
        try each("""
            SELECT groupCode, COUNT(DISTINCT claim.id) AS n
            FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode CROSS JOIN claimEvent ON claimEvent.claimID = claim.id
            WHERE claimEvent.toStatus = 'rejected' AND claimEvent."on" >= \(from) AND claimEvent."on" <= \(to)
            GROUP BY groupCode
            """) { $0.claimsRejected = $1["n"] }
        var days: [String: [Int]] = [:]
        try each("""
            SELECT groupCode, claimPayment.amount AS amount,
                   CAST(julianday(claimPayment.paidOn) - julianday(claim.reportedOn) AS INTEGER) AS days
            FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode CROSS JOIN claimPayment ON claimPayment.claimID = claim.id
            WHERE claimPayment.paidOn >= \(from) AND claimPayment.paidOn <= \(to)
            """) {
            $0.claimsPaid += 1
            $0.amountPaid = Money(fen: $0.amountPaid.fen + ($1["amount"] as Int64))
            days[$0.unitCode, default: []].append($1["days"])
        }
        let limit = to.adding(days: -overdueDays)
        // Each claim's status on `to` is its last event by then.
        try each("""
            SELECT groupCode, COUNT(*) AS n
            FROM grp CROSS JOIN claim ON claim.unitCode = grp.unitCode
            CROSS JOIN claimEvent AS last
              ON last.id = (SELECT MAX(id) FROM claimEvent WHERE claimID = claim.id AND "on" <= \(to))
            WHERE claim.reportedOn <= \(to) AND last.toStatus IN ('reported', 'underReview', 'approved') AND last."on" < \(limit)
            GROUP BY groupCode
            """) { $0.overdueClaims = $1["n"] }
        return days
    }

    /// The average and the 90th percentile (nearest rank) of days to payout.
    static func setDaysToPay(_ figures: inout Indicators, _ days: [Int]) {
        guard !days.isEmpty else { return }
        let sorted = days.sorted()
        figures.averageDaysToPay = Double(sorted.reduce(0, +)) / Double(sorted.count)
        let rank = (sorted.count * 90 + 99) / 100   // ceil(0.9 n)
        figures.p90DaysToPay = sorted[rank - 1]
    }

    /// The all-plans targets of `year` set for the groups.
    private func targets(_ db: Database, codes: [String], year: Int) throws -> [String: Target] {
        let wanted = Set(codes)
        var targets: [String: Target] = [:]
        for target in try Target.fetchAll(db, sql: "SELECT * FROM target WHERE year = ? AND planCode IS NULL", arguments: [year])
        where wanted.contains(target.unitCode) {
            targets[target.unitCode] = target
        }
        return targets
    }

}
