import GRDB

/// Every stored appraisal run names a rule version that exists, of the
/// rule it ran, with the content hash it recorded. (A run of a candidate
/// rule file, not registered, has no version id.)
struct AppraisalRuleCheck: DoctorCheck {
    let name = "appraisals"
    let summary = "every appraisal run's rule version exists"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        try DoctorStore.appraisalsWithoutTheirVersion(db) { run in
            let versionID = run.ruleVersionID, ruleName = run.ruleName
            let subject = "appraisalRun \(run.id)"
            if run.foundID == nil {
                findings.add("\(subject): ruleVersionID \(versionID) has no row in ruleVersion")
            } else if let foundName = run.foundName, foundName != ruleName {
                findings.add("\(subject): rule '\(ruleName)' but ruleVersion \(versionID) is of '\(foundName)'")
            } else {
                findings.add("\(subject): ruleSHA256 \(run.ruleSHA256.prefix(12))… but ruleVersion \(versionID) "
                             + "has \((run.foundSHA256 ?? "").prefix(12))…")
            }
        }
    }
}
