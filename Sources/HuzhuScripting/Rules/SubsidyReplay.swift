import Foundation
import HuzhuCore
import LuaHost

/// Runs a candidate subsidy formula over a year's past decisions without
/// writing anything, and reports what would change.
public enum SubsidyReplay {
    /// One policy whose split would change.
    public struct Change: Sendable {
        public var policyID: Int64
        public var residentID: ResidentID
        public var before: ContributionSplit
        public var after: ContributionSplit
        /// The largest change of any payer, in fen (for ranking).
        public var size: Int64 {
            max(abs(after.administration.fen - before.administration.fen), abs(after.union.fen - before.union.fen),
                abs(after.member.fen - before.member.fen))
        }
    }

    public struct Report: Sendable {
        public var year: Int
        public var decisions: Int
        public var changes: [Change]
        /// Net change per payer over all decisions (after − before), in fen.
        public var administration: Int64
        public var union: Int64
        public var member: Int64
    }

    /// Replays `candidate` over every policy of `year` that a subsidy rule decided.
    ///
    /// The rule sees the policy, the member and the plan as they are stored
    /// now; budgets are not replayed (`e.budget` is nil).
    public static func run(runner: ScriptRunner, database: HuzhuDatabase, candidate: String, name: String, year: Int) throws -> Report {
        try database.read(scope: runner.scope, hooks: runner) { session in
            let db = session.connection
                let script = try runner.host.compile(candidate, name: name, in: try runner.host.makeEnvironment())
                try script.run()
                guard script.defines(function: "subsidy") else { throw ScriptingError("\(name) does not define function subsidy(e)") }
                let ids = try DecisionService().policiesDecidedBySubsidyRule(db, year: year)
                var report = Report(year: year, decisions: ids.count, changes: [], administration: 0, union: 0, member: 0)
                let services = session.services
                for id in ids {
                    guard let detail = try services.enrollment.policy(db, id: id),
                          let member = try services.members.member(db, id: detail.policy.memberID),
                          let plan = try services.plans.plan(db, termID: detail.policy.planTermID),
                          let term = try services.plans.term(db, id: detail.policy.planTermID) else { continue }
                    let p = detail.policy
                    let unit = try services.units.unit(db, code: member.unitCode)
                    let chain = (unit?.path ?? "").split(separator: "/").map(String.init).reversed()
                    let input = SubsidyInput(plan: plan, term: term, shares: p.shares, contribution: p.contribution, start: p.startDate,
                                             end: p.endDate, member: member, ageAtStart: member.age(on: p.startDate),
                                             unitChain: Array(chain), budget: nil, decidedOn: p.enrolledOn)
                    let (results, line) = try script.callRecordingReturnLine("subsidy", [SubsidyValues.input(input)])
                    let after = try SubsidyValues.split(from: results, script: name, line: line)
                    report.administration += after.administration.fen - p.split.administration.fen
                    report.union += after.union.fen - p.split.union.fen
                    report.member += after.member.fen - p.split.member.fen
                    if after != p.split {
                        report.changes.append(Change(policyID: id, residentID: detail.residentID, before: p.split, after: after))
                    }
                }
                return report
        }
    }
}
