import Foundation
import GRDB
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import Testing

/// Thousands of random operations, valid and invalid, through the services
/// (enrollment with the Lua subsidy rule in force, group enrollment one by
/// one and in bulk, cancellation and refund, claims through report, review,
/// approval or rejection, payment and reopening, and new versions of the
/// subsidy rule), checking after each one that:
///
/// - the ledger balances and agrees with the policies and claims (``LedgerService/check(_:detailLimit:)``);
/// - no claim is paid twice, or keeps (paid less owed back) other than its approved
///   amount once paid, or is approved over the plan's per-claim or per-term cap;
/// - every policy's split adds up to its contribution, no part negative;
/// - a write that succeeded left audit rows, and each row it added to an audited
///   table is covered by one of them (and every 200 operations, and at the end,
///   `huzhu doctor`'s checks pass over the whole database);
/// - a refused operation changed nothing: every table's rows are as before.
///
/// The generator is seeded (SplitMix64): a failure prints the seed and the
/// operation's number; `HUZHU_INVARIANT_SEED` and `HUZHU_INVARIANT_OPS` rerun it.
@Suite("Invariants under random operations")
struct InvariantTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["HUZHU_INVARIANT_SEED"] ?? "") ?? 20_260_930
    static let operations = Int(ProcessInfo.processInfo.environment["HUZHU_INVARIANT_OPS"] ?? "") ?? 2_000

    @Test("the ledger, payouts, splits and audit trail hold after every operation; refusals change nothing")
    func randomOperations() throws {
        var world = try InvariantWorld(seed: Self.seed)
        var outcomes: [String: (done: Int, refused: Int)] = [:]
        for step in 1...Self.operations {
            let (name, succeeded) = try world.step()
            outcomes[name, default: (0, 0)].done += succeeded ? 1 : 0
            outcomes[name, default: (0, 0)].refused += succeeded ? 0 : 1
            let broken = try world.violations(afterSuccess: succeeded, final: step == Self.operations)
            if !broken.isEmpty {
                let header = "seed \(Self.seed), operation \(step) (\(name), \(succeeded ? "done" : "refused")):"
                Issue.record(Comment(rawValue: ([header] + broken).joined(separator: "\n")))
                return
            }
        }
        // The run exercised every operation both ways.
        print("invariants: seed \(Self.seed), \(Self.operations) operations: "
              + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.done)/\($0.value.refused)" }.joined(separator: ", "))
        for (name, counts) in outcomes.sorted(by: { $0.key < $1.key }) {
            #expect(counts.done > 0, "\(name) never succeeded (seed \(Self.seed))")
            #expect(counts.refused > 0, "\(name) never refused (seed \(Self.seed))")
        }
        let totals = try world.fixture.database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM policy), (SELECT COUNT(*) FROM claim WHERE status = 'paid'),
                       (SELECT COUNT(*) FROM ruleVersion), (SELECT COUNT(*) FROM decision)
                """)!
        }
        #expect((totals[0] as Int) > 20 && (totals[1] as Int) > 5 && (totals[2] as Int) > 5 && (totals[3] as Int) > 20,
                "too little happened: \(totals) (seed \(Self.seed))")
    }
}

/// The database, the runner whose subsidy rule the enrollments use, and the generator.
struct InvariantWorld {
    let fixture: ScriptFixture
    let runner: ScriptRunner
    var random: SplitMix64
    var residentIDs: [String] = []
    var ruleChanges = 0
    let context = TinyCity.context(operator: "随机")
    /// Enrollments are made on the day the 2026 terms start, so that claims have cover to fall in.
    let enrollment = WriteContext(operator: "随机", today: CivilDate(year: 2026, month: 7, day: 1)!)
    let claims = ClaimService()
    static let today = TinyCity.today   // 2026-09-30

    /// Subsidy rules a version change picks from; the last never adds up, so
    /// enrollments are refused while it is in force.
    static let rules = [
        "function subsidy(e) return {administration = 0, union = 0, member = e.policy.contribution} end",
        "function subsidy(e) local c = e.policy.contribution local u = c // 2 return {administration = 0, union = u, member = c - u} end",
        """
        function subsidy(e)
          local c = e.policy.contribution
          local a = huzhu.round(c * 0.2)
          if e.member.hardship then return {administration = a, union = c - a, member = 0} end
          return {administration = a, union = 0, member = c - a}
        end
        """,
        "function subsidy(e) return {administration = 100, union = 100, member = 100} end",
    ]

    init(seed: UInt64) throws {
        fixture = try ScriptFixture()
        runner = try fixture.runner(operator: "随机")
        random = SplitMix64(seed: seed)
        let setup = TinyCity.context(operator: "fixture")
        var ids = [TinyCity.wang, TinyCity.li, TinyCity.zhang, TinyCity.zhao, TinyCity.qian]
        try fixture.database.write { db in
            let services = Services()
            // 24 more members, some left or retired; bigger headcounts so that group enrollment can pass.
            for index in 0..<24 {
                let unit = index % 3 == 0 ? "LY001" : "BH001"
                let id = TinyCity.residentID(area: unit == "LY001" ? "340103" : "340104",
                                             birth: "19\(70 + index % 25)0\(1 + index % 9)1\(index % 9)", sequence: 100 + index)
                _ = try services.members.register(db, MemberDraft(residentID: id, name: "成员\(index)", unitCode: unit,
                                                                  hardship: index % 5 == 0,
                                                                  joinedOn: CivilDate(year: 2020, month: 1, day: 1)!),
                                                  context: setup)
                if index % 8 == 7 {
                    try services.members.setStatus(db, residentID: id, .left, on: CivilDate(year: 2026, month: 3, day: 1)!,
                                                   context: setup)
                }
                ids.append(id)
            }
            try services.units.setHeadcount(db, unitCode: "BH001", year: 2026, employees: 22, context: setup)
            try services.units.setHeadcount(db, unitCode: "LY001", year: 2026, employees: 11, context: setup)
            // An inpatient plan with a deductible, a ratio and both caps.
            let inpatient = try services.plans.create(db, Plan(code: "INP", name: "住院医疗", kind: .inpatient, pricePerShare: Money(fen: 3600),
                                                   maxShares: 2, deductible: Money(fen: 20_000), paymentRatio: 7000,
                                                   perClaimCap: Money(fen: 300_000), perTermCap: Money(fen: 500_000)),
                                          context: setup)
            _ = try services.plans.addTerm(db, planCode: "INP", label: "2026", start: CivilDate(year: 2026, month: 7, day: 1)!,
                                           years: 1, rules: inpatient.rules, context: setup)
            _ = try RuleService().activate(db, name: "subsidy", text: Self.rules[2], sha256: ScriptRunner.sha256(Self.rules[2]),
                                           effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!, context: setup)
        }
        ids.append(TinyCity.residentID(birth: "19880808", sequence: 999))   // never registered
        residentIDs = ids
    }

    // MARK: - Operations

    /// Applies one random operation in a transaction of its own; returns its
    /// name and whether it succeeded (a ``ValidationError`` is a refusal;
    /// anything else fails the test).
    mutating func step() throws -> (String, Bool) {
        let operations: [(String, Int)] = [
            ("enroll", 18), ("enrollUnit", 4), ("cancel", 6), ("refund", 4), ("report", 18), ("beginReview", 12),
            ("review", 14), ("pay", 12), ("reopen", 4), ("changeRule", 3),
        ]
        let name = operations[random.index(weightedBy: operations.map(\.1))].0
        // Mostly a row the operation can apply to, sometimes any id (or one past the last).
        let targets: [String: String] = [
            "cancel": "SELECT id FROM policy WHERE status = 'active'",
            "refund": "SELECT id FROM policy WHERE status = 'cancelled'",
            "report": "SELECT id FROM policy WHERE status = 'active'",
            "beginReview": "SELECT id FROM claim WHERE status = 'reported'",
            "review": "SELECT id FROM claim WHERE status = 'underReview'",
            "pay": "SELECT id FROM claim WHERE status = 'approved'",
            "reopen": "SELECT id FROM claim WHERE status IN ('approved', 'rejected')",
        ]
        let aimed = random.chance(perMille: 700)
        let (maxPolicy, maxClaim, candidates) = try fixture.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM policy")!,
             try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM claim")!,
             try targets[name].map { try Int64.fetchAll(db, sql: $0) } ?? [])
        }
        var policyID = Int64(random.int(in: 1...maxPolicy + 2)), claimID = Int64(random.int(in: 1...maxClaim + 2))
        if aimed, !candidates.isEmpty {
            let id = random.pick(candidates)
            if targets[name]!.contains("FROM policy") { policyID = id } else { claimID = id }
        }
        do {
            try apply(name, policyID: policyID, claimID: claimID)
            return (name, true)
        } catch is ValidationError {
            return (name, false)
        }
    }

    private mutating func apply(_ name: String, policyID: Int64, claimID: Int64) throws {
        let context = self.context, enrollment = self.enrollment, runner = self.runner, claims = self.claims
        switch name {
        case "enroll":
            let request = EnrollmentRequest(residentID: random.pick(residentIDs), planCode: random.pick(["ACC", "FEM", "INP", "XYZ"]),
                                            shares: random.int(in: 0...3))
            try fixture.database.write(.commit, hooks: runner) { session in
                _ = try session.services.enrollment.enroll(session.connection, request, context: enrollment)
            }
        case "enrollUnit":
            let request = GroupEnrollmentRequest(unitCode: random.pick(["BH001", "LY001", "BH"]), planCode: random.pick(["ACC", "INP", "FEM"]))
            let withRule = random.chance(perMille: 500)
            try fixture.database.write(.commit, hooks: withRule ? runner : nil) { session in
                _ = try session.services.enrollment.enrollUnit(session.connection, request, context: enrollment)
            }
        case "cancel":
            let refund = random.chance(perMille: 500)
            try fixture.database.write { db in
                _ = try EnrollmentService().cancel(db, policyID: policyID, reason: "test", context: context)
                if refund { try LedgerService().postRefund(db, policyID: policyID, context: context) }
            }
        case "refund":
            try fixture.database.write { db in _ = try LedgerService().postRefund(db, policyID: policyID, context: context) }
        case "report":
            let plan = try fixture.database.read { db in try String.fetchOne(db, sql: "SELECT planCode FROM policy WHERE id = ?", arguments: [policyID]) }
            let kind: ClaimKind = plan == "FEM" ? .femaleDisease : plan == "INP" ? .illness : random.pick([ClaimKind.accident, .illness])
            let incident = CivilDate(year: 2026, month: 6, day: 25)!.adding(days: random.int(in: 0...99))  // 06-25 … 10-02
            var report = ClaimReport(policyID: policyID, kind: kind, incidentDate: incident)
            report.admissionDate = incident
            report.dischargeDate = incident.adding(days: random.int(in: 0...10))
            let selfPaid = Int64(random.int(in: 0...800_000))
            let insurance = Int64(random.int(in: 0...200_000))
            report.expenses = ClaimExpenses(total: Money(fen: selfPaid + insurance), insurancePaid: Money(fen: insurance),
                                            selfPaid: Money(fen: selfPaid))
            report.documents = ClaimDocument.required(for: kind)
            if random.chance(perMille: 150) { report.documents.removeLast() }
            try fixture.database.write { db in _ = try claims.report(db, report, context: context) }
        case "beginReview":
            try fixture.database.write { db in _ = try claims.beginReview(db, claimID: claimID, context: context) }
        case "review":
            let decision: ClaimDecision
            switch random.int(in: 0...9) {
            case 0...5: decision = .approve()
            case 6, 7: decision = .approve(amount: Money(fen: Int64(random.int(in: -100...400_000))))
            default: decision = .reject(random.pick([ClaimRejectionReason.notCovered, .ineligible]), note: "random")
            }
            try fixture.database.write { db in _ = try claims.review(db, claimID: claimID, decision, context: context) }
        case "pay":
            let exact = random.chance(perMille: 850)
            try fixture.database.write { db in
                // The approved amount less what a reopened paid claim's member keeps already.
                let approved = try Int64.fetchOne(db, sql: """
                    SELECT c.approvedAmount - COALESCE((SELECT amount FROM claimPayment WHERE claimID = c.id), 0)
                         - COALESCE((SELECT SUM(CASE kind WHEN 'owed' THEN -amount ELSE amount END)
                                     FROM claimAdjustment WHERE claimID = c.id), 0)
                    FROM claim c WHERE c.id = ?
                    """, arguments: [claimID]) ?? 1
                _ = try claims.pay(db, claimID: claimID,
                                   ClaimPayment(amount: Money(fen: exact ? approved : approved + 1), method: .bankTransfer,
                                                reference: "BK-\(claimID)", paidOn: Self.today),
                                   context: context)
            }
        case "reopen":
            let reason = random.chance(perMille: 800) ? "new documents" : " "
            try fixture.database.write { db in _ = try claims.reopen(db, claimID: claimID, reason: reason, context: context) }
        case "changeRule":
            // A new version from a later day each time, so that it is the one in force.
            ruleChanges += 1
            let text = random.pick(Self.rules)
            let from = CivilDate(year: 2026, month: 1, day: 1)!.adding(days: ruleChanges)
            let name = random.chance(perMille: 900) ? "subsidy" : "Bad Name"
            try fixture.database.write { db in
                _ = try RuleService().activate(db, name: name, text: text, sha256: ScriptRunner.sha256(text),
                                               effectiveFrom: from, context: context)
            }
        default:
            fatalError("unknown operation \(name)")
        }
    }

    // MARK: - Invariants

    /// The audit rows and the table checksum after the previous operation.
    private var lastAudit: Int64 = -1
    private var lastChecksum: [String: String] = [:]
    private var lastRows: [String: Int64] = [:]
    private var checks = 0

    /// The audited tables (keyed by an integer) whose new rows each operation's audit rows must cover.
    static let audited = ["member", "enrollmentBatch", "policy", "claim", "claimPayment", "claimAdjustment", "ledgerEntry",
                          "ruleVersion"]

    static func key(_ table: String) -> String { table == "claimPayment" ? "claimID" : "id" }

    /// The largest key of each audited table.
    static func lastRows(_ db: Database) throws -> [String: Int64] {
        var rows: [String: Int64] = [:]
        for table in audited {
            rows[table] = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(\(key(table))), 0) FROM \(table)")!
        }
        return rows
    }

    /// The rows added since `rowsAfter` that no audit row added since `auditAfter` covers
    /// (by its key, or a `first-last` range of a bulk write, or an import's firstID…lastID).
    static func uncovered(_ db: Database, auditAfter: Int64, rowsAfter: [String: Int64]) throws -> [String] {
        var found: [String] = []
        for table in audited {
            let ids = try Int64.fetchAll(db, sql: "SELECT \(key(table)) FROM \(table) WHERE \(key(table)) > ? ORDER BY 1",
                                         arguments: [rowsAfter[table] ?? 0])
            guard !ids.isEmpty else { continue }
            var ranges: [ClosedRange<Int64>] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT rowKey, json_extract(summary, '$.firstID'), json_extract(summary, '$.lastID') FROM audit
                WHERE id > ? AND tableName = ? AND action IN ('insert', 'import')
                """, arguments: [auditAfter, table]) {
                let rowKey: String = row[0]
                if let first: Int64 = row[1], let last: Int64 = row[2] { ranges.append(first...last) }
                let parts = rowKey.split(separator: "-").compactMap { Int64($0) }
                if parts.count == 1 { ranges.append(parts[0]...parts[0]) }
                if parts.count == 2, parts[0] <= parts[1] { ranges.append(parts[0]...parts[1]) }
            }
            for id in ids where !ranges.contains(where: { $0.contains(id) }) {
                found.append("\(table) \(id) was written without an audit row")
            }
        }
        return found
    }

    /// Every invariant broken now, one line each (empty when all hold).
    mutating func violations(afterSuccess succeeded: Bool, final: Bool = false) throws -> [String] {
        try fixture.database.read { db -> [String] in
            var broken: [String] = []
            let ledger = try LedgerService().check(db)
            if !ledger.isClean { broken.append("ledger:\n" + ledger.description) }
            broken += try String.fetchAll(db, sql: """
                SELECT 'split of policy ' || id || ' does not add up' FROM policy
                WHERE splitAdministration + splitUnion + splitMember != contribution
                   OR MIN(splitAdministration, splitUnion, splitMember) < 0
                UNION ALL
                SELECT 'claim ' || c.id || ' ' || c.status || ' keeps ' || s.settled || ', approved ' || IFNULL(c.approvedAmount, 'nothing')
                FROM claim c JOIN (
                    SELECT cp.claimID, cp.amount + COALESCE((SELECT SUM(CASE a.kind WHEN 'owed' THEN -a.amount ELSE a.amount END)
                                                             FROM claimAdjustment a WHERE a.claimID = cp.claimID), 0) AS settled
                    FROM claimPayment cp
                ) s ON s.claimID = c.id
                WHERE c.status = 'reported' OR (c.status = 'paid' AND s.settled != c.approvedAmount)
                   OR (c.status = 'rejected' AND s.settled != 0) OR (c.status = 'approved' AND s.settled >= c.approvedAmount)
                UNION ALL
                SELECT 'claim ' || id || ' paid but no payment' FROM claim c
                WHERE status = 'paid' AND NOT EXISTS (SELECT 1 FROM claimPayment WHERE claimID = c.id)
                UNION ALL
                SELECT 'claim ' || claimID || ' has ' || COUNT(*) || ' payouts' FROM ledgerEntry e
                WHERE kind = 'payout' GROUP BY claimID
                HAVING COUNT(*) > 1 + (SELECT COUNT(*) FROM claimAdjustment a WHERE a.claimID = e.claimID AND a.kind = 'furtherPayment')
                UNION ALL
                SELECT 'claim ' || c.id || ' approved ' || c.approvedAmount || ' over the per-claim cap'
                FROM claim c JOIN policy p ON p.id = c.policyID JOIN planTerm t ON t.id = c.planTermID
                WHERE c.status IN ('approved', 'paid') AND c.approvedAmount > json_extract(t.rules, '$.perClaimCap') * p.shares
                UNION ALL
                SELECT 'member ' || c.memberID || ' term ' || c.planTermID || ' approved ' || SUM(c.approvedAmount) || ' over the per-term cap'
                FROM claim c JOIN policy p ON p.id = c.policyID JOIN planTerm t ON t.id = c.planTermID
                WHERE c.status IN ('approved', 'paid') GROUP BY c.memberID, c.planTermID
                HAVING SUM(c.approvedAmount) > MAX(json_extract(t.rules, '$.perTermCap') * p.shares)
                """)
            // Every row written by this operation is covered by an audit row it wrote
            // (the whole database is checked by doctor's checks every 200 operations).
            let audit = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM audit")!
            if lastAudit >= 0 { broken += try Self.uncovered(db, auditAfter: lastAudit, rowsAfter: lastRows) }
            lastRows = try Self.lastRows(db)
            checks += 1
            if checks % 200 == 0 || final {
                let doctor = Doctor().run(db, DoctorEnvironment())
                if !doctor.passed { broken.append("doctor:\n" + doctor.description) }
            }
            let checksum = try checksum(db)
            if lastAudit >= 0 {
                if succeeded, audit == lastAudit {
                    broken.append("the operation succeeded but wrote no audit row")
                }
                if !succeeded, checksum != lastChecksum {
                    let changed = checksum.keys.filter { checksum[$0] != lastChecksum[$0] }.sorted()
                    broken.append("the operation was refused but changed \(changed.joined(separator: ", "))")
                }
            }
            lastAudit = audit
            lastChecksum = checksum
            return broken
        }
    }

    /// The columns services change after a row is written; every other column
    /// is written once (most tables are append-only), so a table's row count
    /// and last rowid show any change to it.
    static let mutableColumns: [String: [String]] = [
        "member": ["status", "unitCode", "name", "phone", "hardship", "retiredOn", "leftOn"],
        "policy": ["status", "splitAdministration", "splitUnion", "splitMember", "operator", "scriptName", "scriptSHA256"],
        "claim": ["status", "statusSince", "approvedAmount", "rejectionReason", "operator"],
        "claimReview": ["decision", "decidedOn", "approvedAmount", "rejectionReason", "topUpProposed", "topUpCapped"],
        "claimDocument": ["provided"],
        "unit": ["parentCode", "path"], "target": ["members", "contributions"], "unitHeadcount": ["employees"],
        "subsidyBudget": ["amount"], "appraisalRun": ["status"],
    ]

    /// Per table: its row count, last rowid and the values of its mutable columns, as text.
    private var checksumSQL: String?
    mutating func checksum(_ db: Database) throws -> [String: String] {
        if checksumSQL == nil {
            var parts: [String] = []
            for table in try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                """) {
                let columns = (Self.mutableColumns[table] ?? []).map { "quote(\($0.quotedDatabaseIdentifier))" }
                parts.append("""
                    SELECT '\(table)', COUNT(*) || ':' || IFNULL(MAX(rowid), 0) || ':' || \
                    \(columns.isEmpty ? "''" : "IFNULL(group_concat(\(columns.joined(separator: " || ',' || ")), '|'), '')")
                    FROM (SELECT rowid, * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid)
                    """)
            }
            checksumSQL = parts.joined(separator: "\nUNION ALL\n")
        }
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: checksumSQL!)) { result[row[0]] = row[1] }
        return result
    }
}
