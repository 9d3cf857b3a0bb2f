import GRDB

/// Every stored appraisal run names a rule version that exists, of the
/// rule it ran, with the content hash it recorded. (A run of a candidate
/// rule file, not registered, has no version id.)
struct AppraisalRuleCheck: DoctorCheck {
    let name = "appraisals"
    let summary = "every appraisal run's rule version exists"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.id, r.ruleVersionID, r.ruleName, r.ruleSHA256, v.id, v.name, v.sha256
            FROM appraisalRun r LEFT JOIN ruleVersion v ON v.id = r.ruleVersionID
            WHERE r.ruleVersionID IS NOT NULL AND (v.id IS NULL OR v.name != r.ruleName OR v.sha256 != r.ruleSHA256)
            ORDER BY r.id
            """)
        while let row = try rows.next() {
            let id: Int64 = row[0], versionID: Int64 = row[1], ruleName: String = row[2]
            let subject = "appraisalRun \(id)"
            if (row[4] as Int64?) == nil {
                findings.add("\(subject): ruleVersionID \(versionID) has no row in ruleVersion")
            } else if (row[5] as String) != ruleName {
                findings.add("\(subject): rule '\(ruleName)' but ruleVersion \(versionID) is of '\(row[5] as String)'")
            } else {
                findings.add("\(subject): ruleSHA256 \((row[3] as String).prefix(12))… but ruleVersion \(versionID) "
                             + "has \((row[6] as String).prefix(12))…")
            }
        }
    }
}
