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
        let provenance: StatementArguments = [context.operatorName, context.scriptName, context.scriptSHA256]

        // 1. The policies.
        try db.execute(sql: """
            UPDATE policy SET splitAdministration = r.administration, splitUnion = r."union", splitMember = r.member,
                   operator = ?, scriptName = ?, scriptSHA256 = ?
            FROM temp.subsidyResplit r WHERE policy.id = r.policyID
            """, arguments: provenance)
        try AuditLog.record(db, context: context, action: "update", operation: "resplitSubsidy", table: "policy",
                            rowKey: "year \(summary.year)" + (scope.unitCode.map { " unit \($0)" } ?? ""), summary: [
                                "count": .integer(Int64(summary.changed)), "examined": .integer(Int64(summary.examined)),
                                "rule": summary.ruleName.map { .text($0) } ?? .null,
                                "ruleVersion": summary.ruleVersionID.map { .integer($0) } ?? .null,
                                "administration": .integer(summary.administration), "union": .integer(summary.union),
                                "member": .integer(summary.member),
                            ])

        // 2. One decision per changed policy, as enrollment records it.
        let firstDecision = try Self.nextID(db, table: "decision")
        try db.execute(sql: """
            INSERT INTO decision (kind, ruleName, ruleVersionID, subjectTable, subjectID, decidedOn, inputs, outputs, notes, operator)
            SELECT 'subsidy', ?, ?, 'policy', r.policyID, ?,
                   json_object('age', r.age, 'contribution', p.contribution, 'gender', m.gender,
                               'hardship', json(CASE WHEN m.hardship THEN 'true' ELSE 'false' END), 'plan', p.planCode,
                               'shares', p.shares, 'start', p.startDate, 'unit', m.unitCode),
                   json_object('administration', r.administration, 'member', r.member, 'union', r."union"),
                   r.notes, ?
            FROM temp.subsidyResplit r JOIN policy p ON p.id = r.policyID JOIN member m ON m.id = p.memberID
            ORDER BY r.policyID
            """, arguments: [summary.ruleName, summary.ruleVersionID, today, context.operatorName])
        try AuditLog.record(db, context: context, action: "insert", operation: "resplitSubsidy", table: "decision",
                            rowKey: "\(firstDecision)-\(firstDecision + Int64(summary.changed) - 1)",
                            summary: ["count": .integer(Int64(summary.changed))])

        // 3. The ledger: reverse each live contribution entry … (CROSS JOIN keeps the
        // changed policies as the outer loop: no scan of every entry, no sort.)
        let before = try Self.nextID(db, table: "ledgerEntry") - 1
        try db.execute(sql: """
            INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, reversesEntryID, unitCode, at, operator, scriptName, scriptSHA256)
            SELECT ?, 'reversal', 'correction of policy ' || e.policyID || ': subsidy split changed', e.policyID, e.id,
                   e.unitCode, ?, ?, ?, ?
            FROM temp.subsidyResplit r CROSS JOIN ledgerEntry e ON e.policyID = r.policyID AND e.kind = 'contribution'
            WHERE NOT EXISTS (SELECT 1 FROM ledgerEntry x WHERE x.reversesEntryID = e.id)
            ORDER BY r.policyID, e.id
            """, arguments: [today, at] + provenance)
        let reversed = db.changesCount
        try db.execute(sql: """
            INSERT INTO ledgerLine (entryID, account, debit, credit)
            SELECT n.id, l.account, l.credit, l.debit
            FROM ledgerEntry n JOIN ledgerLine l ON l.entryID = n.reversesEntryID
            WHERE n.id > ? ORDER BY n.id, l.id
            """, arguments: [before])

        // … and post the contribution again with the new split.
        let middle = try Self.nextID(db, table: "ledgerEntry") - 1
        try db.execute(sql: """
            INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator, scriptName, scriptSHA256)
            SELECT ?, 'contribution', 'contribution of policy ' || p.id || ' (' || p.planCode || ' ' || p.year || ')',
                   p.id, p.unitCode, ?, ?, ?, ?
            FROM temp.subsidyResplit r JOIN policy p ON p.id = r.policyID
            ORDER BY r.policyID
            """, arguments: [today, at] + provenance)
        // Lines in entry order: fund:cash, then each payer with a share above 0.
        try db.execute(sql: """
            INSERT INTO ledgerLine (entryID, account, debit, credit)
            SELECT e.id, a.account,
                   CASE a.k WHEN 0 THEN r.administration + r."union" + r.member ELSE 0 END,
                   CASE a.k WHEN 1 THEN r.administration WHEN 2 THEN r."union" WHEN 3 THEN r.member ELSE 0 END
            FROM ledgerEntry e JOIN temp.subsidyResplit r ON r.policyID = e.policyID
            CROSS JOIN (SELECT 0 AS k, '\(LedgerAccount.fundCash.rawValue)' AS account
                        UNION ALL SELECT 1, '\(LedgerAccount.contributionsAdministration.rawValue)'
                        UNION ALL SELECT 2, '\(LedgerAccount.contributionsUnion.rawValue)'
                        UNION ALL SELECT 3, '\(LedgerAccount.contributionsMember.rawValue)') a
            WHERE e.id > ?
              AND CASE a.k WHEN 0 THEN r.administration + r."union" + r.member WHEN 1 THEN r.administration
                           WHEN 2 THEN r."union" ELSE r.member END > 0
            ORDER BY e.id, a.k
            """, arguments: [middle])
        let last = try Self.nextID(db, table: "ledgerEntry") - 1
        try AuditLog.record(db, context: context, action: "insert", operation: "resplitSubsidy", table: "ledgerEntry",
                            rowKey: "\(before + 1)-\(last)", summary: [
                                "reversals": .integer(Int64(reversed)), "contributions": .integer(last - middle),
                            ])
    }

    /// The id the next row of `table` gets (its ids only grow: AUTOINCREMENT).
    static func nextID(_ db: Database, table: String) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM \(table)") ?? 0) + 1
    }
}
