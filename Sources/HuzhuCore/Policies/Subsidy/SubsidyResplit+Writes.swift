import GRDB

// MARK: - Writing the changes set-wise

extension SubsidyResplit {
    /// Writes what `temp.subsidyResplit` holds: the policies' new splits, one
    /// decision per changed policy, and the ledger corrections — each live
    /// contribution entry reversed, then the contribution posted again with
    /// the new split (the same entries as ``LedgerService/reverse(_:entryID:memo:context:)``
    /// and ``LedgerService/postContribution(_:policy:context:)`` would make one by one).
    func write(_ db: Database, _ summary: SubsidyResplitSummary, context: WriteContext) throws {
        let today = context.today.description
        let at = AuditLog.timestamp(context.clock())

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

        // 3. The ledger: reverse each live contribution entry …
        let before = try SubsidyResplitStore.nextID(db, table: "ledgerEntry") - 1
        let reversed = try SubsidyResplitStore.reverseContributions(db, today: today, at: at, context: context,
                                                                    after: before)
        // … and post the contribution again with the new split.
        let middle = try SubsidyResplitStore.nextID(db, table: "ledgerEntry") - 1
        try SubsidyResplitStore.postContributions(db, today: today, at: at, context: context, after: middle)
        let last = try SubsidyResplitStore.nextID(db, table: "ledgerEntry") - 1
        try AuditLog.record(db, context: context, action: "insert", operation: "resplitSubsidy", table: "ledgerEntry",
                            rowKey: "\(before + 1)-\(last)", summary: [
                                "reversals": .integer(Int64(reversed)), "contributions": .integer(last - middle),
                            ])
    }
}
