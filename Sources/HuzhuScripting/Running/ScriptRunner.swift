import Crypto
import Foundation
import HuzhuCore
import LuaHost

/// Runs workspace scripts with the `huzhu` module, each run one transaction.
///
/// An error, a limit, a timeout or Ctrl-C rolls the whole run back; a dry
/// run rolls back on success too and reports what would have changed. Every
/// write is audited with the operator, the script's name and the SHA-256 of
/// its text.
///
/// ```swift
/// let runner = try ScriptRunner(database: db, databasePath: path, context: context)
/// let outcome = try runner.run(source: text, name: "scripts/jobs/enroll.lua", dryRun: true)
/// print(outcome.changes)   // rows added and changed per table
/// ```
public final class ScriptRunner {
    public let host: LuaHost
    let state: RunState
    let database: HuzhuDatabase

    /// What a run did.
    public struct Outcome: Sendable {
        /// What the script returned.
        public var results: [LuaValue]
        /// Rows inserted and updated per table (from the audit trail).
        public var changes: [TableChange]
        /// False for a dry run (everything was rolled back).
        public var committed: Bool
        /// Money of the policies the run wrote: count, contribution and its split.
        public var policyTotals: (count: Int, contribution: Money, administration: Money, union: Money, member: Money)?
    }

    /// - Parameters:
    ///   - database: The workspace database.
    ///   - databasePath: Its file, for `huzhu.sql` (nil: `huzhu.sql` is unavailable).
    ///   - context: Operator and business date.
    ///   - scope: The unit subtree the run may see and change.
    ///   - limits: The run's limits.
    ///   - scriptRoot: Where `require` finds modules (the workspace's `scripts/`).
    public init(database: HuzhuDatabase, databasePath: String?, context: WriteContext, scope: Scope = .everything,
                limits: LuaLimits = LuaLimits(), scriptRoot: URL? = nil) throws {
        self.database = database
        state = RunState(services: Services(scope: scope), context: context, databasePath: databasePath)
        host = try LuaHost(limits: limits, scriptRoot: scriptRoot)
        state.subsidy = LuaSubsidyFormula(host: host, state: state)
        state.benefitRule = LuaBenefitRule(host: host, state: state)
        state.appraisalRule = { [unowned host, unowned state] db, asOf in
            try AppraisalRunner.makeRule(host: host, state: state, db: db, asOf: asOf, candidate: nil)
        }
        state.setScope(scope)
        try host.register(HuzhuModule.make(state))
        try state.reports.register(in: host)
    }

    /// The union's subsidy formula (the `subsidy` rule in force), for enrollments
    /// made outside a script run, such as a policy import: pass the runner as
    /// the door's hooks (``HuzhuDatabase/write(_:scope:hooks:_:)``) so that the
    /// rule reads the session's data and versions.
    public var subsidy: any SubsidyFormula { state.subsidy! }

    /// Changes the unit subtree later runs may see and change.
    public func setScope(_ scope: Scope) {
        state.setScope(scope)
    }

    /// The scope of the next run.
    public var scope: Scope { state.scope }

    /// The lower-case hex SHA-256 of a script's text.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Runs a script as one transaction.
    ///
    /// - Parameters:
    ///   - source: The script's text.
    ///   - name: Its name as the user gave it (`scripts/jobs/x.lua`): errors and the audit trail show it.
    ///   - arguments: `...` and `arg` of the script.
    ///   - dryRun: Roll back even on success.
    ///   - environment: Globals shared with earlier runs (a REPL session); nil for fresh ones.
    ///   - audited: The name and text recorded in the audit trail, when they differ from the
    ///     chunk run (a REPL runs a driver for the line the user typed).
    ///   - beforeCommit: Writes made in the run's own transaction after the script
    ///     succeeded and before it commits (the scheduler marks a run `succeeded`
    ///     this way, so the run's writes and its log row commit together); an
    ///     error rolls everything back. Not called for a dry run.
    ///   - reading: Read the last committed state without taking the write lock
    ///     (a report: it never waits for a writer, and a write fails).
    /// - Returns: The results and the changes.
    /// - Throws: `LuaError` (the script's error or limit); database errors.
    @discardableResult
    public func run(source: String, name: String, arguments: [LuaValue] = [], dryRun: Bool = false,
                    in environment: LuaEnvironment? = nil, audited: (name: String, text: String)? = nil,
                    reading: Bool = false,
                    beforeCommit: (DatabaseConnection, Outcome) throws -> Void = { _, _ in }) throws -> Outcome {
        state.context.scriptName = audited?.name ?? name
        state.context.scriptSHA256 = ScriptRunner.sha256(audited?.text ?? source)
        database.lock?.describe(what: audited?.name ?? name, operatorName: state.context.operatorName)
        let body = { [self] (session: Session) throws -> Outcome in
                let db = session.connection
                let before = try AuditLog.lastID(db)
                let decisions = DecisionService()
                let lastPolicy = try decisions.lastPolicyID(db)
                let results = try host.load(source, name: name, in: environment).run(arguments: arguments)
                let changes = try AuditLog.changes(db, after: before)
                let totals = try decisions.policyTotals(db, afterPolicyID: lastPolicy)
                let done = Outcome(results: results, changes: changes, committed: !dryRun,
                                   policyTotals: totals.count > 0 ? totals : nil)
                if !dryRun { try beforeCommit(db, done) }
                return done
        }
        if reading { return try database.read(scope: state.scope, hooks: self, body) }
        return try database.write(dryRun ? .dryRun : .commit, scope: state.scope, hooks: self, body)
    }
}

/// The runner's Lua rules are the door's hooks: a session opened with it
/// gives the `huzhu` module its connection, services and rule versions.
extension ScriptRunner: RuleHooks {
    public var subsidyFormula: (any SubsidyFormula)? { state.subsidy }

    public func begin(_ session: Session) {
        state.begin(session)
        host.beginRun()
    }

    public func end() {
        state.end()
        host.closeObjects()
    }
}
