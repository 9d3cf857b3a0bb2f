import GRDB

/// Every row of the audited tables has the audit row of its insert.
///
/// What covers a row (see docs/decisions.md, "huzhu doctor: audit completeness"):
///
/// - an `insert` audit row of its table whose `rowKey` is the row's key
///   (`policy` `7`, `unit` `BH001`) — the services' one row per write;
/// - an `insert` audit row whose `rowKey` is a range `first-last` holding
///   the id — the bulk paths audit once per batch: `registerMembers`
///   (members), `enrollUnit` (a batch's policies), `postContributions` and
///   `resplitSubsidy` (ledger entries);
/// - an `import` audit row of its table whose summary's `firstID`…`lastID`
///   holds the id — a members import audits once per file.
///
/// Tables keyed by id: member, policy, claim, claimPayment (by claimID), claimAdjustment, claimRepayment, payoutBatch,
/// ledgerEntry, planTerm, enrollmentBatch, ruleVersion, appraisalRun,
/// reward; by code: office, unit, plan. Consecutive ids without cover are
/// reported as one range: `policy 4-6: no audit row of their insert (3 rows)`.
struct AuditCompletenessCheck: DoctorCheck {
    let name = "audit"
    let summary = "every member, policy, claim, payment, ledger entry … has its audit row"

    /// The id-keyed tables and their key column.
    static let idTables: [(table: String, key: String)] = [
        ("office", "code"), ("unit", "code"), ("plan", "code"), ("planTerm", "id"), ("member", "id"),
        ("enrollmentBatch", "id"), ("policy", "id"), ("claim", "id"), ("claimPayment", "claimID"),
        ("claimAdjustment", "id"), ("claimRepayment", "id"), ("payoutBatch", "id"), ("ledgerEntry", "id"), ("ruleVersion", "id"), ("appraisalRun", "id"), ("reward", "id"),
    ]

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        for (table, key) in Self.idTables {
            if key == "code" {
                try checkCodes(db, table: table, into: &findings)
            } else {
                try checkIDs(db, table: table, key: key, into: &findings)
            }
        }
    }

    private func checkCodes(_ db: Database, table: String, into findings: inout DoctorFindings) throws {
        try DoctorStore.codesWithoutInsertAudit(db, table: table) { code in
            findings.add("\(table) \(code): no audit row of its insert")
        }
    }

    private func checkIDs(_ db: Database, table: String, key: String, into findings: inout DoctorFindings) throws {
        // The covered ranges, sorted and merged.
        var ranges: [ClosedRange<Int64>] = []
        try DoctorStore.insertAudits(db, table: table) { action, rowKey, firstID, lastID in
            if action == "import" {
                if let first = firstID, let last = lastID, first <= last { ranges.append(first...last) }
            } else if let id = Int64(rowKey) {
                ranges.append(id...id)
            } else {
                let parts = rowKey.split(separator: "-", omittingEmptySubsequences: false)
                if parts.count == 2, let first = Int64(parts[0]), let last = Int64(parts[1]), first <= last {
                    ranges.append(first...last)
                }
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int64>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }

        // Walk the ids in order beside the ranges; report runs of uncovered ids.
        var index = 0
        var gap: ClosedRange<Int64>?
        func report(_ run: ClosedRange<Int64>) {
            if run.count == 1 {
                findings.add("\(table) \(run.lowerBound): no audit row of its insert")
            } else {
                findings.add("\(table) \(run.lowerBound)-\(run.upperBound): no audit row of their insert (\(run.count) rows)")
            }
        }
        try DoctorStore.keys(db, table: table, key: key) { id in
            while index < merged.count, merged[index].upperBound < id { index += 1 }
            if index < merged.count, merged[index].contains(id) { return }
            if let open = gap, open.upperBound &+ 1 == id {
                gap = open.lowerBound...id
            } else {
                if let open = gap { report(open) }
                gap = id...id
            }
        }
        if let open = gap { report(open) }
    }
}
