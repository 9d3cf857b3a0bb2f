import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu explain policy ID` / `huzhu explain claim ID`: why the numbers are what they are.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a policy's split, a claim's benefit or a unit's appraisal was decided: inputs, rule version, notes, amounts.",
        subcommands: [PolicyExplanation.self, ClaimExplanation.self, AppraisalExplanation.self]
    )

    struct PolicyExplanation: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "policy", abstract: "Explain a policy's contribution split.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The policy's id.") var id: Int64
        @Flag(help: "Show resident IDs in full.") var unmasked = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let text: String = try workspace.openDatabase().read { db in
                guard let detail = try EnrollmentService().policy(db, id: id) else {
                    throw DataError("no policy \(id)")
                }
                let p = detail.policy
                var lines = [
                    "policy \(id): member \(unmasked ? detail.residentID.value : detail.residentID.masked), plan \(p.planCode) term \(detail.termLabel), \(p.shares) \(p.shares == 1 ? "share" : "shares"), \(p.status.rawValue)",
                    "  contribution \(p.contribution) yuan: administration \(p.split.administration), union \(p.split.union), member \(p.split.member)",
                    "  written \(p.enrolledOn) by \(p.provenance.operatorName)" + (p.provenance.scriptName.map { " through \($0)" } ?? ""),
                ]
                let decisions = try DecisionService().decisions(db, subjectTable: "policy", subjectID: id)
                if decisions.isEmpty {
                    lines.append("  no rule decided the split (given explicitly, or no subsidy rule was in force: the member pays all)")
                }
                for d in decisions {
                    var rule = d.ruleName ?? "(none)"
                    if let versionID = d.ruleVersionID, let v = try RuleService().version(db, id: versionID) {
                        rule += " version \(v.shortHash) (in force from \(v.effectiveFrom))"
                    }
                    lines.append("  decided \(d.decidedOn) by rule \(rule)")
                    lines.append("  inputs  \(d.inputs)")
                    lines.append("  outputs \(d.outputs)")
                    let notes = (try? JSONDecoder().decode([String].self, from: Data(d.notes.utf8))) ?? []
                    lines.append(notes.isEmpty ? "  notes   (none)" : "  notes")
                    for note in notes { lines.append("    - \(note)") }
                }
                return lines.joined(separator: "\n")
            }
            print(text)
        }
    }

    struct ClaimExplanation: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "claim", abstract: "Explain a claim's benefit.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The claim's id.") var id: Int64
        @Flag(help: "Show resident IDs in full.") var unmasked = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let text: String = try workspace.openDatabase().read { db in
                let claims = ClaimService()
                guard let detail = try claims.claim(db, id: id) else { throw ClaimsCommand.unknown(id) }
                var lines = [ClaimText.heading(detail, unmasked: unmasked)] + ClaimText.facts(detail) + ClaimText.decision(detail)
                lines += ClaimText.reviews(detail)
                lines.append("  the plan's benefit now:")
                for line in try claims.benefit(db, claimID: id).explanation { lines.append("    \(line)") }
                return lines.joined(separator: "\n")
            }
            print(text)
        }
    }
}
