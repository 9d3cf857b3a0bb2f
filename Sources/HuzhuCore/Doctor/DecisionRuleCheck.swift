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
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.id, d.kind, d.ruleName, d.ruleVersionID, d.decidedOn, v.id, v.name,
                   (SELECT MAX(w.id) FROM ruleVersion w WHERE w.name = d.ruleName AND w.effectiveFrom <= d.decidedOn)
            FROM decision d LEFT JOIN ruleVersion v ON v.id = d.ruleVersionID
            WHERE (d.ruleVersionID IS NOT NULL AND (v.id IS NULL OR v.name IS NOT d.ruleName))
               OR (d.ruleVersionID IS NULL AND d.ruleName IS NOT NULL
                   AND EXISTS (SELECT 1 FROM ruleVersion w WHERE w.name = d.ruleName AND w.effectiveFrom <= d.decidedOn))
            ORDER BY d.id
            """)
        while let row = try rows.next() {
            let id: Int64 = row[0], kind: String = row[1], ruleName: String? = row[2]
            let versionID: Int64? = row[3], decidedOn: String = row[4]
            let found: Int64? = row[5], foundName: String? = row[6]
            let subject = "decision \(id) (\(kind))"
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
