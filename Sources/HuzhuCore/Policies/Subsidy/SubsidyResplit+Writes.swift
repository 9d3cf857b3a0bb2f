import GRDB

// MARK: - Writing the changes set-wise

extension SubsidyResplit {
    /// Writes what `temp.subsidyResplit` holds: the policies' new splits, one
    /// decision per changed policy, and one adjusting entry per changed
    /// policy (kind `adjustment`: the difference per payer part between the
    /// contribution accounts), posted by ``LedgerService/postSet(_:_:context:)``.
    func write(_ db: Database, _ summary: SubsidyResplitSummary, context: WriteContext) throws {
        let today = context.today.description

        // 1. The policies.
        try SubsidyResplitStore.updatePolicies(db, context: context)
        try AuditLog.record(db, context: context, action: "update", operation: "resplitSubsidy", table: "policy",
                            rowKey: "year \(summary.year)" + (scope.unitCode.map { " unit \($0)" } ?? ""), summary: [
                                "count": .integer(Int64(summary.changed)), "examined": .integer(Int64(summary.examined)),
                                "rule": summary.ruleName.map { .text($0) } ?? .null,
                                "ruleVersion": summary.ruleVersionID.map { .integer($0) } ?? .null,
                                "administration": .integer(summary.administration), "union": .integer(summary.union),
                                "member": .integer(summary.member),
                            ])

        // 2. One decision per changed policy, as enrollment records it.
        let firstDecision = try SubsidyResplitStore.nextID(db, table: "decision")
        try SubsidyResplitStore.insertDecisions(db, ruleName: summary.ruleName, ruleVersionID: summary.ruleVersionID,
                                                today: today, context: context)
        try AuditLog.record(db, context: context, action: "insert", operation: "resplitSubsidy", table: "decision",
                            rowKey: "\(firstDecision)-\(firstDecision + Int64(summary.changed) - 1)",
                            summary: ["count": .integer(Int64(summary.changed))])

        // 3. The ledger: one adjusting entry per changed policy.
        guard let posted = try LedgerService(scope: scope).postSet(db, SubsidyResplitStore.adjustmentSet(date: context.today),
                                                                  context: context) else { return }
        try AuditLog.record(db, context: context, action: "insert", operation: "resplitSubsidy", table: "ledgerEntry",
                            rowKey: "\(posted.lowerBound)-\(posted.upperBound)",
                            summary: ["adjustments": .integer(Int64(posted.count))])
    }
}
