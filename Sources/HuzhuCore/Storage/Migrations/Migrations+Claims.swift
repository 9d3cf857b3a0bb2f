import GRDB

extension Migrations {
    /// Ratio plans choose the expense their ratio applies to; existing plans keep the self-paid amount.
    static func addPlanBenefitBase(_ db: Database) throws {
        try db.alter(table: "plan") { t in
            t.add(column: "benefitBase", .text).notNull().defaults(to: "selfPaid")
        }
    }

    /// Claims, their documents checklist, review rounds, transitions (append-only) and payments (one per claim).
    static func createClaims(_ db: Database) throws {
        try db.create(table: "claim") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("policyID", .integer).notNull().references("policy").indexed()
            t.column("memberID", .integer).notNull().references("member")
            t.column("planCode", .text).notNull().references("plan")
            t.column("planTermID", .integer).notNull().references("planTerm")
            t.column("unitCode", .text).notNull().references("unit")
            t.column("kind", .text).notNull()
                .check { ["illness", "accident", "death", "disability", "femaleDisease", "criticalIllness"].contains($0) }
            t.column("incidentDate", .text).notNull()
            t.column("admissionDate", .text)
            t.column("dischargeDate", .text)
            t.column("settlementDate", .text)
            t.column("diagnosis", .text)
            t.column("benefitItemCode", .text)
            t.column("totalExpense", .integer).notNull().check { $0 >= 0 }
            t.column("insurancePaid", .integer).notNull().check { $0 >= 0 }
            t.column("selfPaid", .integer).notNull().check { $0 >= 0 }
            t.column("reportedOn", .text).notNull()
            t.column("reportDeadline", .text).notNull()
            t.column("lateReport", .boolean).notNull()
            t.column("lapseDate", .text).notNull()
            t.column("status", .text).notNull()
                .check { ["reported", "underReview", "approved", "rejected", "paid"].contains($0) }
            t.column("statusSince", .text).notNull()
            t.column("approvedAmount", .integer).check { $0 >= 0 }
            t.column("rejectionReason", .integer)
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
            // The expenses always add up, whatever writes the row.
            t.check(sql: "insurancePaid + selfPaid = totalExpense")
            // An approved or paid claim has its amount; a rejected one its reason.
            t.check(sql: "(status IN ('approved', 'paid')) = (approvedAmount IS NOT NULL)")
            t.check(sql: "(status = 'rejected') = (rejectionReason IS NOT NULL)")
        }
        try db.create(index: "claim_on_memberID_planTermID", on: "claim", columns: ["memberID", "planTermID"])
        try db.create(index: "claim_on_unitCode_reportedOn", on: "claim", columns: ["unitCode", "reportedOn"])
        try db.create(index: "claim_on_status_statusSince", on: "claim", columns: ["status", "statusSince"])

        try db.create(table: "claimDocument") { t in
            t.column("claimID", .integer).notNull().references("claim")
            t.column("document", .text).notNull()
            t.column("required", .boolean).notNull()
            t.column("provided", .boolean).notNull()
            t.primaryKey(["claimID", "document"])
        }

        try db.create(table: "claimReview") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("claimID", .integer).notNull().references("claim")
            t.column("round", .integer).notNull()
            t.column("openedOn", .text).notNull()
            t.column("openedBy", .text).notNull()
            t.column("openNote", .text)
            t.column("decision", .text).check { ["approved", "rejected"].contains($0) }
            t.column("decidedOn", .text)
            t.column("decidedBy", .text)
            t.column("rejectionReason", .integer)
            t.column("note", .text)
            t.column("computedBase", .integer)
            t.column("deductible", .integer)
            t.column("paymentRatio", .integer)
            t.column("beforeCaps", .integer)
            t.column("capApplied", .text)
            t.column("computedAmount", .integer)
            t.column("topUpProposed", .integer)
            t.column("topUpCapped", .integer)
            t.column("topUpRule", .text)
            t.column("topUpRuleSHA256", .text)
            t.column("topUpNote", .text)
            t.column("approvedAmount", .integer)
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
            t.uniqueKey(["claimID", "round"])
        }

        try db.create(table: "claimEvent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("claimID", .integer).notNull().references("claim").indexed()
            t.column("fromStatus", .text)
            t.column("toStatus", .text).notNull()
            t.column("on", .text).notNull()
            t.column("at", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
            t.column("note", .text)
        }
        for action in ["UPDATE", "DELETE"] {
            try db.execute(sql: """
                CREATE TRIGGER claimEvent_no_\(action.lowercased()) BEFORE \(action) ON claimEvent
                BEGIN SELECT RAISE(ABORT, 'claim events are append-only'); END
                """)
        }

        // One payment per claim: the primary key refuses a second payout.
        try db.create(table: "claimPayment") { t in
            t.primaryKey("claimID", .integer).references("claim")
            t.column("amount", .integer).notNull().check { $0 > 0 }
            t.column("method", .text).notNull()
            t.column("reference", .text).notNull()
            t.column("paidOn", .text).notNull()
            t.column("ledgerEntryID", .integer).notNull()
            t.column("operator", .text).notNull()
        }
        for action in ["UPDATE", "DELETE"] {
            try db.execute(sql: """
                CREATE TRIGGER claimPayment_no_\(action.lowercased()) BEFORE \(action) ON claimPayment
                BEGIN SELECT RAISE(ABORT, 'claim payments are final'); END
                """)
        }
    }
}

extension Migrations {
    /// What a reopened claim's new decision settled against the payments
    /// already made (append-only): a further payment of a higher amount
    /// (with its ledger payout), an amount the member owes back after a
    /// lower one, or an owed amount cancelled by a later, higher decision.
    static func createClaimAdjustments(_ db: Database) throws {
        try db.create(table: "claimAdjustment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("claimID", .integer).notNull().references("claim").indexed()
            t.column("round", .integer).notNull()
            t.column("kind", .text).notNull().check { ["furtherPayment", "owed", "owedCancelled"].contains($0) }
            t.column("amount", .integer).notNull().check { $0 > 0 }
            t.column("on", .text).notNull()
            t.column("method", .text)
            t.column("reference", .text)
            t.column("ledgerEntryID", .integer).references("ledgerEntry")
            t.column("operator", .text).notNull()
            t.column("note", .text)
        }
        // A further payment has one payout entry of its own; the first payout stays one per claim.
        try db.execute(sql: """
            CREATE UNIQUE INDEX claimAdjustment_one_entry ON claimAdjustment (ledgerEntryID) WHERE ledgerEntryID IS NOT NULL;
            DROP INDEX ledgerEntry_one_payout;
            CREATE UNIQUE INDEX ledgerEntry_one_payout ON ledgerEntry (claimID)
                WHERE kind = 'payout' AND substr(memo, 1, 8) != 'further ';
            """)
        for action in ["UPDATE", "DELETE"] {
            try db.execute(sql: """
                CREATE TRIGGER claimAdjustment_no_\(action.lowercased()) BEFORE \(action) ON claimAdjustment
                BEGIN SELECT RAISE(ABORT, 'claim adjustments are append-only'); END
                """)
        }
    }
}
