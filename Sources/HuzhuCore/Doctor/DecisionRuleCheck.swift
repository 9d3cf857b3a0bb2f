import GRDB

/// Every decision made by a rule names a rule version that exists, of
/// that rule.
///
/// A decision with a version id must find the version, and the version's
/// name must be the decision's `ruleName`. A decision without a version id
/// is fine when no rule made it (no `ruleName`: "no subsidy rule in force,
/// the member pays all"), or when it names a rule of which no version was
/// in force on its date; a decision naming a rule that *was* in force but
/// no version lost its link.
struct DecisionRuleCheck: DoctorCheck {
    let name = "decisions"
    let summary = "every decision's rule version exists"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        try DoctorStore.decisionsWithoutTheirVersion(db) { decision in
            let ruleName = decision.ruleName, versionID = decision.ruleVersionID, decidedOn = decision.decidedOn
            let found = decision.foundID, foundName = decision.foundName
            let subject = "decision \(decision.id) (\(decision.kind))"
            if let versionID, found == nil {
                findings.add("\(subject): ruleVersionID \(versionID) has no row in ruleVersion")
            } else if let versionID, let foundName {
                findings.add("\(subject): rule '\(ruleName ?? "")' but ruleVersion \(versionID) is of '\(foundName)'")
            } else {
                findings.add("\(subject): rule '\(ruleName ?? "")' was in force on \(decidedOn) but no ruleVersionID is recorded")
            }
        }
    }
}
