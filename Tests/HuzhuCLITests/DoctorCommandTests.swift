import Foundation
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

/// A fixed subsidy for the doctor's workspace: the union pays 6.00 of each
/// policy, decided by rule `subsidy` version `versionID`.
private final class FixedSubsidy: SubsidyFormula {
    let versionID: Int64
    init(versionID: Int64) { self.versionID = versionID }
    func decide(_ input: SubsidyInput, in db: Database) throws -> SubsidyDecision {
        SubsidyDecision(split: ContributionSplit(administration: .zero, union: Money(fen: 600),
                                                 member: Money(fen: input.contribution.fen - 600)),
                        ruleName: "subsidy", ruleVersionID: versionID)
    }
}

/// The tiny city with everything doctor looks at, written through the services:
///
/// - rule `subsidy` version 1 (from 2026-01-01);
/// - BH001 enrolled in ACC with the subsidy: policies 1–3 (王一, 李二, 张三),
///   decisions 1–3, a contribution entry each, one audit row for the range;
/// - LY001 enrolled in ACC without it: policies 4–5, one audit row for the range;
/// - claim 1 on policy 1 (王一): 800.00 self-paid, approved 800.00 and paid (entry 6).
final class DoctorWorkspace {
    let tiny: TinyWorkspace
    var url: URL { tiny.url }

    init() throws {
        tiny = try TinyWorkspace()
        let database = try HuzhuDatabase(path: tiny.databasePath)
        let context = TinyCity.context(operator: "王会计")
        try database.write { db in
            let version = try RuleService().activate(db, name: "subsidy", text: "-- fixed", sha256: String(repeating: "a", count: 64),
                                                     effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!, context: context)
            try EnrollmentService(subsidy: FixedSubsidy(versionID: version.id!))
                .enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: context)
            try EnrollmentService().enrollUnit(db, GroupEnrollmentRequest(unitCode: "LY001", planCode: "ACC"), context: context)
            var report = ClaimReport(policyID: 1, kind: .accident, incidentDate: TinyCity.today)
            report.admissionDate = TinyCity.today
            report.dischargeDate = TinyCity.today
            report.expenses = ClaimExpenses(total: Money(fen: 100_000), insurancePaid: Money(fen: 20_000), selfPaid: Money(fen: 80_000))
            report.documents = ClaimDocument.required(for: .accident)
            let claims = ClaimService()
            let claim = try claims.report(db, report, context: context)
            try claims.beginReview(db, claimID: claim.id!, context: context)
            let approved = try claims.review(db, claimID: claim.id!, .approve(), context: context)
            try claims.pay(db, claimID: claim.id!, ClaimPayment(amount: approved.approvedAmount!, method: .bankTransfer,
                                                                 reference: "BK-1", paidOn: TinyCity.today), context: context)
        }
    }

    /// Runs raw SQL on the database, with foreign keys and CHECK constraints off
    /// (the planted problems are what the schema would refuse).
    func plant(_ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: tiny.databasePath, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
        }
    }

    func doctor(_ arguments: [String] = []) throws -> CLIResult {
        try CLI.run(["doctor"] + arguments, in: url)
    }
}

@Suite("huzhu doctor")
struct DoctorCommandTests {
    /// The `ok` lines of a clean workspace, by check.
    static let ok = [
        "integrity": "ok    integrity     PRAGMA integrity_check",
        "foreign-keys": "ok    foreign-keys  PRAGMA foreign_key_check",
        "ledger": "ok    ledger        the books balance and agree with the policies and the claims",
        "splits": "ok    splits        every policy's split adds up to its contribution",
        "payouts": "ok    payouts       no claim paid twice, over its approved amount or over the plan's caps",
        "audit": "ok    audit         every member, policy, claim, payment, ledger entry … has its audit row",
        "decisions": "ok    decisions     every decision's rule version exists",
        "appraisals": "ok    appraisals    every appraisal run's rule version exists",
        "jobs": "ok    jobs          no job run left running without its process or past its timeout",
        "deaths": "ok    deaths        every member with an approved or paid death claim is recorded as deceased",
        "files": "ok    files         the workspace folder and its database are owner-only",
    ]
    static let order = ["integrity", "foreign-keys", "ledger", "splits", "payouts", "audit", "decisions", "appraisals", "jobs",
                        "deaths", "files"]

    /// The expected output: every check ok except those given, which print their lines instead
    /// (the FAIL line, then each problem).
    static func output(_ failed: [String: String]) -> String {
        order.map { failed[$0] ?? ok[$0]! }.joined(separator: "\n") + "\n"
    }

    @Test("a clean workspace passes every check and exits 0")
    func clean() throws {
        let ws = try DoctorWorkspace()
        let result = try ws.doctor()
        #expect(result.stdout == Self.output([:]) + "all 11 checks passed\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("a workspace folder or database readable by other users fails the files check, naming the chmod that mends it")
    func fileModes() throws {
        let ws = try DoctorWorkspace()
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: ws.url.path)
        try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ws.url.appendingPathComponent("huzhu.db").path)
        let result = try ws.doctor()
        #expect(result.status == 1)
        #expect(result.stdout == Self.output(["files": """
            FAIL  files         4 problems
                  files: the workspace folder is open to other users (mode 0755): chmod 700 \(ws.url.path)
                  files: huzhu.db is readable by other users (mode 0644): chmod 600 \(ws.url.path)/huzhu.db
                  files: huzhu.db-wal is readable by other users (mode 0644): chmod 600 \(ws.url.path)/huzhu.db-wal
                  files: huzhu.db-shm is readable by other users (mode 0644): chmod 600 \(ws.url.path)/huzhu.db-shm
            """]))   // SQLite gives the -wal and -shm files the database's mode
        #expect(result.stderr == "huzhu: 1 of 11 checks failed: files\n")
    }

    /// One planted problem: the SQL that plants it, and the lines of the checks it fails.
    struct Plant: Sendable, CustomTestStringConvertible {
        var what: String
        var sql: String
        var failed: [String: String]
        var verdict: String
        var testDescription: String { what }
    }

    static let plants: [Plant] = [
        Plant(what: "an index that no longer matches its table", sql: """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = 'CREATE INDEX policy_on_unitCode_year ON policy(year, unitCode)'
            WHERE name = 'policy_on_unitCode_year';
            """, failed: ["integrity": """
                FAIL  integrity     5 problems
                      integrity: row 1 missing from index policy_on_unitCode_year
                      integrity: row 2 missing from index policy_on_unitCode_year
                      integrity: row 3 missing from index policy_on_unitCode_year
                      integrity: row 4 missing from index policy_on_unitCode_year
                      integrity: row 5 missing from index policy_on_unitCode_year
                """], verdict: "1 of 11 checks failed: integrity"),
        Plant(what: "a claim whose member does not exist", sql: "UPDATE claim SET memberID = 99 WHERE id = 1",
              failed: ["foreign-keys": """
                FAIL  foreign-keys  1 problem
                      foreign-keys: claim 1: memberID 99 has no row in member
                """], verdict: "1 of 11 checks failed: foreign-keys"),
        Plant(what: "a policy's contribution missing from the books", sql: """
            DROP TRIGGER ledgerLine_no_delete; DROP TRIGGER ledgerEntry_no_delete;
            DELETE FROM ledgerLine WHERE entryID = (SELECT id FROM ledgerEntry WHERE policyID = 2);
            DELETE FROM ledgerEntry WHERE policyID = 2;
            """, failed: ["ledger": """
                FAIL  ledger        4 problems
                      ledger: account contributions:union: ledger 12.00, policies 18.00 (differs by -6.00)
                      ledger: account contributions:member: ledger 92.00, policies 112.00 (differs by -20.00)
                      ledger: policy 2 contributions:union: ledger 0.00, policy 6.00 (differs by -6.00)
                      ledger: policy 2 contributions:member: ledger 0.00, policy 20.00 (differs by -20.00)
                """], verdict: "1 of 11 checks failed: ledger"),
        Plant(what: "a split that does not add up", sql: "UPDATE policy SET splitUnion = splitUnion + 500 WHERE id = 3",
              failed: [
                "ledger": """
                FAIL  ledger        2 problems
                      ledger: account contributions:union: ledger 18.00, policies 23.00 (differs by -5.00)
                      ledger: policy 3 contributions:union: ledger 6.00, policy 11.00 (differs by -5.00)
                """,
                "splits": """
                FAIL  splits        1 problem
                      splits: policy 3: administration 0.00 + union 11.00 + member 20.00 = 31.00, contribution 26.00 (differs by 5.00)
                """], verdict: "2 of 11 checks failed: ledger, splits"),
        Plant(what: "a payment over the approved amount", sql: """
            DROP TRIGGER claimPayment_no_update; UPDATE claimPayment SET amount = amount + 10000 WHERE claimID = 1
            """, failed: [
                "ledger": """
                FAIL  ledger        2 problems
                      ledger: account benefits:paid: ledger 800.00, paid claims 900.00 (differs by -100.00)
                      ledger: claim 1 benefits:paid: ledger 800.00, payment 900.00 (differs by -100.00)
                """,
                "payouts": """
                FAIL  payouts       1 problem
                      payouts: claim 1: paid 900.00, approved 800.00 (over by 100.00)
                """], verdict: "2 of 11 checks failed: ledger, payouts"),
        Plant(what: "a claim paid twice", sql: """
            DROP INDEX ledgerEntry_one_payout;
            INSERT INTO ledgerEntry (entryDate, kind, memo, claimID, unitCode, at, operator)
            VALUES ('2026-09-30', 'payout', 'again', 1, 'BH001', '2026-09-30T08:00:00.000Z', 'x');
            INSERT INTO ledgerLine (entryID, account, debit, credit) VALUES (last_insert_rowid(), 'benefits:paid', 80000, 0);
            INSERT INTO ledgerLine (entryID, account, debit, credit)
            VALUES ((SELECT MAX(id) FROM ledgerEntry), 'fund:cash', 0, 80000);
            INSERT INTO audit (operator, at, action, operation, tableName, rowKey, summary)
            VALUES ('x', '2026-09-30T08:00:00.000Z', 'insert', 'payClaim', 'ledgerEntry', (SELECT MAX(id) FROM ledgerEntry), '{}');
            """, failed: [
                "ledger": """
                FAIL  ledger        2 problems
                      ledger: account benefits:paid: ledger 1600.00, paid claims 800.00 (differs by 800.00)
                      ledger: claim 1 benefits:paid: ledger 1600.00, payment 800.00 (differs by 800.00)
                """,
                "payouts": """
                FAIL  payouts       1 problem
                      payouts: claim 1: paid 2 times (payout entries 6, 7)
                """], verdict: "2 of 11 checks failed: ledger, payouts"),
        Plant(what: "approvals over the plan's caps", sql: "UPDATE planTerm SET rules = json_set(rules, '$.perClaimCap', 50000, '$.perTermCap', 30000) WHERE planCode = 'ACC'",
              failed: ["payouts": """
                FAIL  payouts       2 problems
                      payouts: claim 1: approved 800.00 over the per-claim cap 500.00 (plan ACC, 1 share)
                      payouts: member 1 plan ACC term 2026: approved 800.00 over the per-term cap 300.00 (1 share; claims 1)
                """], verdict: "1 of 11 checks failed: payouts"),
        Plant(what: "writes without their audit rows", sql: """
            DELETE FROM audit WHERE tableName = 'policy' AND rowKey = '1-3';
            DELETE FROM audit WHERE tableName = 'policy' AND rowKey = '4-5';
            DELETE FROM audit WHERE tableName = 'member' AND rowKey = '3';
            DELETE FROM audit WHERE tableName = 'unit' AND rowKey = 'LY';
            DELETE FROM audit WHERE tableName = 'claimPayment';
            """, failed: ["audit": """
                FAIL  audit         4 problems
                      audit: unit LY: no audit row of its insert
                      audit: member 3: no audit row of its insert
                      audit: policy 1-5: no audit row of their insert (5 rows)
                      audit: claimPayment 1: no audit row of its insert
                """], verdict: "1 of 11 checks failed: audit"),
        Plant(what: "decisions whose rule version is missing or wrong", sql: """
            UPDATE decision SET ruleVersionID = 99 WHERE id = 1;
            UPDATE decision SET ruleVersionID = NULL WHERE id = 2;
            INSERT INTO ruleVersion (name, sha256, text, effectiveFrom, operator, registeredAt)
            VALUES ('benefit', 'b', '-- b', '2026-01-01', 'x', '2026-09-30T08:00:00.000Z');
            INSERT INTO audit (operator, at, action, operation, tableName, rowKey, summary)
            VALUES ('x', '2026-09-30T08:00:00.000Z', 'insert', 'activateRule', 'ruleVersion', '2', '{}');
            UPDATE decision SET ruleVersionID = 2 WHERE id = 3;
            """, failed: [
                "foreign-keys": """
                FAIL  foreign-keys  1 problem
                      foreign-keys: decision 1: ruleVersionID 99 has no row in ruleVersion
                """,
                "decisions": """
                FAIL  decisions     3 problems
                      decisions: decision 1 (subsidy): ruleVersionID 99 has no row in ruleVersion
                      decisions: decision 2 (subsidy): rule 'subsidy' was in force on 2026-09-30 but no ruleVersionID is recorded
                      decisions: decision 3 (subsidy): rule 'subsidy' but ruleVersion 2 is of 'benefit'
                """], verdict: "2 of 11 checks failed: foreign-keys, decisions"),
        Plant(what: "appraisal runs whose rule version is missing or differs", sql: """
            INSERT INTO appraisalRun (level, period, year, asOf, ruleName, ruleVersionID, ruleSHA256, status, ranOn, ranAt, operator)
            VALUES ('district', 'H1', 2026, '2026-06-30', 'appraisal', 42, 'b', 'current', '2026-07-01', '2026-07-01T00:00:00.000Z', 'x'),
                   ('district', 'YEAR', 2026, '2026-09-30', 'subsidy', 1, 'cccccccccccccccc', 'current', '2026-09-30',
                    '2026-09-30T00:00:00.000Z', 'x');
            INSERT INTO audit (operator, at, action, operation, tableName, rowKey, summary)
            VALUES ('x', '2026-09-30T08:00:00.000Z', 'insert', 'runAppraisal', 'appraisalRun', '1', '{}'),
                   ('x', '2026-09-30T08:00:00.000Z', 'insert', 'runAppraisal', 'appraisalRun', '2', '{}');
            """, failed: [
                "foreign-keys": """
                FAIL  foreign-keys  1 problem
                      foreign-keys: appraisalRun 1: ruleVersionID 42 has no row in ruleVersion
                """,
                "appraisals": """
                FAIL  appraisals    2 problems
                      appraisals: appraisalRun 1: ruleVersionID 42 has no row in ruleVersion
                      appraisals: appraisalRun 2: ruleSHA256 cccccccccccc… but ruleVersion 1 has aaaaaaaaaaaa…
                """], verdict: "2 of 11 checks failed: foreign-keys, appraisals"),
        Plant(what: "job runs left running", sql: """
            INSERT INTO jobRun (job, trigger, startedAt, status, pid, host)
            VALUES ('nightly', 'manual', '2026-09-30T01:00:00.000Z', 'running', 4242, 'box'),
                   ('held', 'manual', '2020-01-01T00:00:00.000Z', 'running', 1, 'here'),
                   ('fresh', 'manual', '2999-01-01T00:00:00.000Z', 'running', 1, 'here');
            """,   // 'held' and 'fresh' have their locks held by the test; only 'fresh' is within [limits] timeout = 600
              failed: ["jobs": """
                FAIL  jobs          2 problems
                      jobs: jobRun 1 (nightly): running since 2026-09-30T01:00:00.000Z, no live lock (pid 4242 on box), past its timeout of 600 s
                      jobs: jobRun 2 (held): running since 2020-01-01T00:00:00.000Z, past its timeout of 600 s
                """], verdict: "1 of 11 checks failed: jobs"),
        Plant(what: "a paid death claim whose member is still active", sql: "UPDATE claim SET kind = 'death' WHERE id = 1",
              failed: ["deaths": """
                FAIL  deaths        1 problem
                      deaths: claim 1: death on 2026-09-30 paid, but member 1 is active (record it: huzhu.members.leave(id, {date = "2026-09-30", reason = "deceased"}) or huzhu import member-changes)
                """], verdict: "1 of 11 checks failed: deaths"),
    ]

    @Test("each planted problem is named, with exit 1", arguments: plants)
    func planted(_ plant: Plant) throws {
        let ws = try DoctorWorkspace()
        try ws.plant(plant.sql)
        // The scheduler holds the locks of 'held' and 'fresh' (running, not stale unless past the timeout).
        let locks = ws.url.appendingPathComponent(".locks")
        let held = try JobLock.tryAcquire(job: "held", in: locks), fresh = try JobLock.tryAcquire(job: "fresh", in: locks)
        defer { held?.release(); fresh?.release() }
        let result = try ws.doctor()
        #expect(result.stdout == Self.output(plant.failed), "\(plant.what)")
        #expect(result.stderr == "huzhu: \(plant.verdict)\n", "\(plant.what)")
        #expect(result.status == 1)
    }

    @Test("--limit lists the first problems of a check and counts the rest")
    func limit() throws {
        let ws = try DoctorWorkspace()
        try ws.plant("DELETE FROM audit WHERE tableName IN ('unit', 'member')")
        let result = try ws.doctor(["--limit", "2"])
        #expect(result.stdout == Self.output(["audit": """
            FAIL  audit         6 problems
                  audit: unit BH: no audit row of its insert
                  audit: unit BH001: no audit row of its insert
                  audit: … and 4 more
            """]))   // 5 units one by one, then members 1-5 as one range
        #expect(result.status == 1)
        let usage = try ws.doctor(["--limit", "0"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("Error: --limit must be at least 1"))
    }
}
