import Foundation
import GRDB

/// Checks a workspace's database: SQLite's own integrity and foreign keys,
/// the books, the splits, the payouts, the audit trail, the rule versions
/// behind decisions and appraisals, and the job run log.
///
/// Every check runs, even after one fails; a check that cannot run (a
/// database error) reports the error as its problem.
///
/// ```swift
/// let report = try database.read { db in try Doctor().run(db, DoctorEnvironment(workspace: workspace)) }
/// print(report)        // ok   integrity  … then FAIL ledger, its problems, …
/// report.passed        // false
/// ```
public struct Doctor: Sendable {
    /// The checks, in the order they run.
    public var checks: [any DoctorCheck]

    /// The standard checks.
    public static let standardChecks: [any DoctorCheck] = [
        IntegrityCheck(), ForeignKeyCheck(), LedgerAgreementCheck(), SplitCheck(), ClaimPaymentCheck(),
        AuditCompletenessCheck(), DecisionRuleCheck(), AppraisalRuleCheck(), StaleJobCheck(), DeathClaimCheck(),
        FileModeCheck(),
    ]

    /// Creates a doctor with the standard checks, or others.
    public init(checks: [any DoctorCheck] = Doctor.standardChecks) {
        self.checks = checks
    }

    /// Runs every check.
    ///
    /// - Parameters:
    ///   - db: A connection (read access is enough).
    ///   - environment: Jobs, limits, locks, now and the detail limit.
    /// - Returns: Each check's findings.
    public func run(_ db: Database, _ environment: DoctorEnvironment) -> DoctorReport {
        var results: [DoctorResult] = []
        for check in checks {
            var findings = DoctorFindings(limit: environment.detailLimit)
            do {
                try check.run(db, environment, into: &findings)
            } catch {
                findings.add("the check could not run: \(error)")
            }
            results.append(DoctorResult(name: check.name, summary: check.summary, findings: findings))
        }
        return DoctorReport(results: results)
    }
}

/// One check's outcome.
public struct DoctorResult: Hashable, Sendable {
    /// The check's name.
    public var name: String
    /// What it proves.
    public var summary: String
    /// What it found.
    public var findings: DoctorFindings
    /// Whether it found nothing.
    public var passed: Bool { findings.isEmpty }
}

/// What ``Doctor/run(_:_:)`` found.
public struct DoctorReport: Hashable, Sendable, CustomStringConvertible {
    /// One result per check, in order.
    public var results: [DoctorResult]

    /// Whether every check passed.
    public var passed: Bool { results.allSatisfy(\.passed) }
    /// The checks that failed.
    public var failed: [DoctorResult] { results.filter { !$0.passed } }

    /// One line per check (`ok   name: summary` or `FAIL name`), each
    /// failed check followed by its problems as `  name: problem` and
    /// `  name: … and N more`.
    public var description: String {
        let width = results.map(\.name.count).max() ?? 0
        var lines: [String] = []
        for result in results {
            let padded = result.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if result.passed {
                lines.append("ok    \(padded)  \(result.summary)")
                continue
            }
            let count = result.findings.count
            lines.append("FAIL  \(padded)  \(count == 1 ? "1 problem" : "\(count) problems")")
            for problem in result.findings.problems { lines.append("      \(result.name): \(problem)") }
            if result.findings.omitted > 0 { lines.append("      \(result.name): … and \(result.findings.omitted) more") }
        }
        return lines.joined(separator: "\n")
    }

    /// `all 9 checks passed` or `2 of 9 checks failed: ledger, audit`.
    public var verdict: String {
        if passed { return "all \(results.count) checks passed" }
        return "\(failed.count) of \(results.count) checks failed: " + failed.map(\.name).joined(separator: ", ")
    }
}
