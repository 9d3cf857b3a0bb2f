import HuzhuCore
import LuaHost

/// Runs an appraisal with the union's Lua rule in one transaction.
///
/// The rule is the version of `appraisal` in force on the period's as-of
/// date (30 June or 31 December), or a candidate file, which is always a
/// dry run: a stored appraisal names a registered version.
///
/// ```swift
/// let outcome = try AppraisalRunner.run(runner: runner, database: db, level: [.district, .industry],
///                                       period: .halfYear, year: 2026)
/// ```
public enum AppraisalRunner {
    /// A candidate rule: its text and the name errors show.
    public struct Candidate: Sendable {
        public var text: String
        public var name: String
        public init(text: String, name: String) {
            self.text = text
            self.name = name
        }
    }

    /// - Parameters:
    ///   - confirm: Make the year-end appraisal final (locked, rewards registered).
    ///   - dryRun: Roll back everything; the outcome is what would be stored.
    ///   - candidate: Score with this text instead of the version in force (implies a dry run).
    /// - Throws: ``ValidationError`` (E1006 no rule in force, E1005 locked, E1007 no units), the rule's errors.
    public static func run(runner: ScriptRunner, database: HuzhuDatabase, level: AppraisalLevel, period: AppraisalPeriod,
                           year: Int, confirm: Bool = false, dryRun: Bool = false, candidate: Candidate? = nil,
                           overdueDays: Int = 30) throws -> AppraisalOutcome {
        try database.write(dryRun || candidate != nil ? .dryRun : .commit, scope: runner.scope, hooks: runner) { session in
                    let db = session.connection
                    let rule = try makeRule(host: runner.host, state: runner.state, db: db, asOf: period.asOf(year),
                                            candidate: candidate)
                    var context = runner.state.context
                    context.scriptName = candidate?.name ?? "rules/appraisal.lua"
                    context.scriptSHA256 = rule.sha256
                    return try runner.state.services.appraisals.run(db, level: level, period: period, year: year, rule: rule,
                                                                    confirm: confirm, overdueDays: overdueDays, context: context)
        }
    }

    static func makeRule(host: LuaHost, state: RunState, db: DatabaseConnection, asOf: CivilDate,
                         candidate: Candidate?) throws -> LuaAppraisalRule {
        if let candidate {
            return try LuaAppraisalRule(host: host, state: state, text: candidate.text,
                                        chunkName: candidate.name, versionID: nil)
        }
        guard let version = try state.ruleVersion(LuaAppraisalRule.name, on: asOf) else {
            throw ValidationError(ValidationFailure(.ruleNotInForce, field: "rule",
                                                    ["name": LuaAppraisalRule.name, "date": asOf.description]))
        }
        return try LuaAppraisalRule(host: host, state: state, text: version.text,
                                    chunkName: "rules/\(version.name).lua", versionID: version.id)
    }
}
