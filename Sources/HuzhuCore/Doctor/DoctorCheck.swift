import Foundation
import GRDB

/// One thing `huzhu doctor` proves about a workspace: it looks at the
/// database (and, for jobs, at the lock files) and names every problem.
///
/// A check only reads. Each problem is one line naming the table, the row
/// and what is wrong; ``Doctor`` puts the check's name in front:
///
/// ```swift
/// struct SplitCheck: DoctorCheck {
///     let name = "splits"
///     func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
///         findings.add("policy 7: administration 0.00 + union 5.00 + member 26.00 = 31.00, contribution 26.00")
///     }
/// }
/// ```
public protocol DoctorCheck: Sendable {
    /// The check's name, in front of each of its problems: `ledger`, `audit` …
    var name: String { get }
    /// What the check proves, shown beside `ok`: `every row has its audit row`.
    var summary: String { get }
    /// Adds every problem found to `findings`.
    ///
    /// - Throws: A database error (``Doctor`` reports it as the check's problem).
    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws
}

/// What the checks need besides the database.
public struct DoctorEnvironment: Sendable {
    /// The timeouts in seconds of the scheduled jobs that have one of their own, by job name.
    public var jobTimeouts: [String: Double]
    /// The workspace's `[limits] timeout`, the timeout of a job without one.
    public var defaultTimeout: Double?
    /// The folder of the jobs' lock files (`.locks`); nil: no lock can be live.
    public var locksURL: URL?
    /// Now, for the age of a running job.
    public var now: Date
    /// The most problems listed per check; the rest are counted.
    public var detailLimit: Int
    /// The workspace folder, for the modes of its files; nil: not checked.
    public var workspaceURL: URL?

    /// Creates an environment.
    public init(jobTimeouts: [String: Double] = [:], defaultTimeout: Double? = nil, locksURL: URL? = nil,
                now: Date = Date(), detailLimit: Int = 20, workspaceURL: URL? = nil) {
        self.workspaceURL = workspaceURL
        self.jobTimeouts = jobTimeouts
        self.defaultTimeout = defaultTimeout
        self.locksURL = locksURL
        self.now = now
        // At most a million listed per check, so `limit + 1` and the like cannot overflow.
        self.detailLimit = min(max(detailLimit, 1), 1_000_000)
    }

    /// The environment of a workspace: its jobs, limits and lock folder.
    public init(workspace: Workspace, now: Date = Date(), detailLimit: Int = 20) {
        var timeouts: [String: Double] = [:]
        for job in workspace.config.jobs { timeouts[job.name] = job.timeout }
        self.init(jobTimeouts: timeouts, defaultTimeout: workspace.config.limits.timeout,
                  locksURL: workspace.locksURL, now: now, detailLimit: detailLimit, workspaceURL: workspace.root)
    }
}

/// The problems one check found: the first ``limit`` listed, the rest counted.
public struct DoctorFindings: Hashable, Sendable {
    /// The problems listed, one line each.
    public private(set) var problems: [String] = []
    /// Problems found past the limit.
    public private(set) var omitted = 0
    /// The most problems listed.
    public let limit: Int

    /// Creates empty findings.
    public init(limit: Int) { self.limit = limit }

    /// Adds a problem (listed while under the limit, else counted).
    public mutating func add(_ problem: String) {
        if problems.count < limit { problems.append(problem) } else { omitted += 1 }
    }

    /// Counts `count` more problems found but not listed (a source with a limit of its own).
    public mutating func addUnlisted(_ count: Int) {
        omitted += max(0, count)
    }

    /// Whether nothing was found.
    public var isEmpty: Bool { problems.isEmpty && omitted == 0 }
    /// How many problems were found.
    public var count: Int { problems.count + omitted }
}
