import GRDB

/// The SQL of ``ClaimBatch``: what it reads once when made, and every row
/// it made in memory, written with one multi-row statement per table.
enum ClaimBatchStore {
    // MARK: - Reading

    /// Every plan with each term's rules, by term id.
    static func plansByTerm(_ db: Database) throws -> [Int64: Plan] {
        try PlanStore.plansByTerm(db)
    }

    /// Every plan term's label, by id.
    static func termLabels(_ db: Database) throws -> [Int64: String] {
        var labels: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, label FROM planTerm") { labels[row[0]] = row[1] }
        return labels
    }

    static func policies(_ db: Database, ids: ArraySlice<Int64>) throws -> [Policy] {
        try Policy.fetchAll(db, sql: "SELECT * FROM policy WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
    }

    /// The cover periods of the members' policies that are not cancelled, by "member plan".
    static func coverPeriods(_ db: Database, memberIDs: Set<Int64>) throws
        -> [String: [(start: CivilDate, end: CivilDate)]] {
        var periods: [String: [(start: CivilDate, end: CivilDate)]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT memberID, planCode, startDate, endDate FROM policy
            WHERE memberID IN (\(memberIDs.map(String.init).joined(separator: ","))) AND status <> ?
            """, arguments: [PolicyStatus.cancelled.rawValue])
        while let row = try rows.next() {
            let memberID: Int64 = row[0], planCode: String = row[1]
            periods["\(memberID) \(planCode)", default: []].append((row[2], row[3]))
        }
        return periods
    }

    /// What the approved and paid claims take, per member and plan term.
    static func usedInTerms(_ db: Database) throws -> [(key: (memberID: Int64, planTermID: Int64), amount: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT memberID, planTermID, SUM(approvedAmount) FROM claim
            WHERE status IN ('approved', 'paid') GROUP BY memberID, planTermID
            """).map { (($0[0], $0[1]), $0[2]) }
    }

    /// The claims not rejected, by id.
    static func openClaims(_ db: Database) throws -> [(id: Int64, policyID: Int64, kind: ClaimKind, incidentDate: CivilDate)] {
        try Row.fetchAll(db, sql: "SELECT id, policyID, kind, incidentDate FROM claim WHERE status <> 'rejected' ORDER BY id")
            .map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// The id SQLite will give the next row of an AUTOINCREMENT table.
    static func nextID(_ db: Database, table: String) throws -> Int64 {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
        let largest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table)") ?? 0
        return max(sequence, largest) + 1
    }

    // MARK: - Writing

    /// Stores every row, one multi-row statement per table, in a savepoint.
    ///
    /// - Throws: A database error (a constraint: a bug, the steps checked the rules).
    static func write(_ db: Database, _ batch: ClaimBatch) throws {
        try db.inSavepoint {
            try writeClaims(db, batch)
            try writeReviews(db, batch)
            try writeEventsAndPayments(db, batch)
            try writeLedger(db, batch)
            try writeAudit(db, batch)
            return .commit
        }
    }

    static func writeClaims(_ db: Database, _ batch: ClaimBatch) throws {
        let insert = try BatchInsert(db, table: "claim", columns: [
            "policyID", "memberID", "planCode", "planTermID", "unitCode", "kind", "incidentDate", "admissionDate",
            "dischargeDate", "settlementDate", "diagnosis", "benefitItemCode", "totalExpense", "insurancePaid", "selfPaid",
            "reportedOn", "reportDeadline", "lateReport", "lapseDate", "status", "statusSince", "approvedAmount",
            "rejectionReason", "operator", "scriptName", "scriptSHA256",
        ])
        let ids = try insert.insert(count: batch.states.count) { statement, index, _, offset in
            let claim = batch.states[index].claim
            statement.bind(claim.policyID, at: offset + 1)
            statement.bind(claim.memberID, at: offset + 2)
            statement.bind(claim.planCode, at: offset + 3)
            statement.bind(claim.planTermID, at: offset + 4)
            statement.bind(claim.unitCode, at: offset + 5)
            statement.bind(claim.kind.rawValue, at: offset + 6)
            statement.bind(claim.incidentDate.description, at: offset + 7)
            statement.bindOptional(claim.admissionDate?.description, at: offset + 8)
            statement.bindOptional(claim.dischargeDate?.description, at: offset + 9)
            statement.bindOptional(claim.settlementDate?.description, at: offset + 10)
            statement.bindOptional(claim.diagnosis, at: offset + 11)
            statement.bindOptional(claim.benefitItemCode, at: offset + 12)
            statement.bind(claim.totalExpense.fen, at: offset + 13)
            statement.bind(claim.insurancePaid.fen, at: offset + 14)
            statement.bind(claim.selfPaid.fen, at: offset + 15)
            statement.bind(claim.reportedOn.description, at: offset + 16)
            statement.bind(claim.reportDeadline.description, at: offset + 17)
            statement.bind(claim.lateReport ? 1 : 0, at: offset + 18)
            statement.bind(claim.lapseDate.description, at: offset + 19)
            statement.bind(claim.status.rawValue, at: offset + 20)
            statement.bind(claim.statusSince.description, at: offset + 21)
            statement.bindOptional(claim.approvedAmount?.fen, at: offset + 22)
            statement.bindOptional(claim.rejectionReason.map { Int64($0.rawValue) }, at: offset + 23)
            statement.bind(claim.operatorName, at: offset + 24)
            statement.bindOptional(claim.scriptName, at: offset + 25)
            statement.bindOptional(claim.scriptSHA256, at: offset + 26)
        }
        precondition(ids == nil || ids!.lowerBound == batch.firstClaimID, "claims were written between reading and writing")

        let documentInsert = try BatchInsert(db, table: "claimDocument", columns: ["claimID", "document", "required", "provided"])
        try documentInsert.insert(count: batch.documents.count) { statement, index, _, offset in
            let document = batch.documents[index]
            statement.bind(document.claimID, at: offset + 1)
            statement.bind(document.document.rawValue, at: offset + 2)
            statement.bind(document.required ? 1 : 0, at: offset + 3)
            statement.bind(document.provided ? 1 : 0, at: offset + 4)
        }
    }

    static func writeReviews(_ db: Database, _ batch: ClaimBatch) throws {
        let insert = try BatchInsert(db, table: "claimReview", columns: [
            "claimID", "round", "openedOn", "openedBy", "openNote", "decision", "decidedOn", "decidedBy", "rejectionReason",
            "note", "computedBase", "deductible", "paymentRatio", "beforeCaps", "capApplied", "computedAmount",
            "topUpProposed", "topUpCapped", "topUpRule", "topUpRuleSHA256", "topUpNote", "approvedAmount", "scriptName",
            "scriptSHA256",
        ])
        let ids = try insert.insert(count: batch.reviews.count) { statement, index, _, offset in
            let review = batch.reviews[index]
            statement.bind(review.claimID, at: offset + 1)
            statement.bind(Int64(review.round), at: offset + 2)
            statement.bind(review.openedOn.description, at: offset + 3)
            statement.bind(review.openedBy, at: offset + 4)
            statement.bindOptional(review.openNote, at: offset + 5)
            statement.bindOptional(review.decision?.rawValue, at: offset + 6)
            statement.bindOptional(review.decidedOn?.description, at: offset + 7)
            statement.bindOptional(review.decidedBy, at: offset + 8)
            statement.bindOptional(review.rejectionReason.map { Int64($0.rawValue) }, at: offset + 9)
            statement.bindOptional(review.note, at: offset + 10)
            statement.bindOptional(review.computedBase?.fen, at: offset + 11)
            statement.bindOptional(review.deductible?.fen, at: offset + 12)
            statement.bindOptional(review.paymentRatio.map(Int64.init), at: offset + 13)
            statement.bindOptional(review.beforeCaps?.fen, at: offset + 14)
            statement.bindOptional(review.capApplied?.rawValue, at: offset + 15)
            statement.bindOptional(review.computedAmount?.fen, at: offset + 16)
            statement.bindOptional(review.topUpProposed?.fen, at: offset + 17)
            statement.bindOptional(review.topUpCapped?.fen, at: offset + 18)
            statement.bindOptional(review.topUpRule, at: offset + 19)
            statement.bindOptional(review.topUpRuleSHA256, at: offset + 20)
            statement.bindOptional(review.topUpNote, at: offset + 21)
            statement.bindOptional(review.approvedAmount?.fen, at: offset + 22)
            statement.bindOptional(review.scriptName, at: offset + 23)
            statement.bindOptional(review.scriptSHA256, at: offset + 24)
        }
        precondition(ids == nil || ids!.lowerBound == batch.firstReviewID, "review rounds were written between reading and writing")
    }

    static func writeEventsAndPayments(_ db: Database, _ batch: ClaimBatch) throws {
        let insert = try BatchInsert(db, table: "claimEvent", columns: [
            "claimID", "fromStatus", "toStatus", "on", "at", "operator", "scriptName", "scriptSHA256", "note",
        ].map { $0 == "on" ? "\"on\"" : $0 })
        try insert.insert(count: batch.events.count) { statement, index, _, offset in
            let event = batch.events[index]
            statement.bind(event.claimID, at: offset + 1)
            statement.bindOptional(event.fromStatus?.rawValue, at: offset + 2)
            statement.bind(event.toStatus.rawValue, at: offset + 3)
            statement.bind(event.on.description, at: offset + 4)
            statement.bind(event.at, at: offset + 5)
            statement.bind(event.operatorName, at: offset + 6)
            statement.bindOptional(event.scriptName, at: offset + 7)
            statement.bindOptional(event.scriptSHA256, at: offset + 8)
            statement.bindOptional(event.note, at: offset + 9)
        }
        let paymentInsert = try BatchInsert(db, table: "claimPayment", columns: [
            "claimID", "amount", "method", "reference", "paidOn", "ledgerEntryID", "operator",
        ])
        try paymentInsert.insert(count: batch.payments.count) { statement, index, _, offset in
            let payment = batch.payments[index]
            statement.bind(payment.claimID!, at: offset + 1)
            statement.bind(payment.amount.fen, at: offset + 2)
            statement.bind(payment.method.rawValue, at: offset + 3)
            statement.bind(payment.reference, at: offset + 4)
            statement.bind(payment.paidOn.description, at: offset + 5)
            statement.bind(payment.ledgerEntryID!, at: offset + 6)
            statement.bindOptional(payment.operatorName, at: offset + 7)
        }
    }

    static func writeLedger(_ db: Database, _ batch: ClaimBatch) throws {
        let insert = try BatchInsert(db, table: "ledgerEntry", columns: [
            "entryDate", "kind", "memo", "policyID", "claimID", "reversesEntryID", "unitCode", "at", "operator",
            "scriptName", "scriptSHA256",
        ])
        let ids = try insert.insert(count: batch.entries.count) { statement, index, _, offset in
            let entry = batch.entries[index]
            statement.bind(entry.entryDate.description, at: offset + 1)
            statement.bind(entry.kind.rawValue, at: offset + 2)
            statement.bind(entry.memo, at: offset + 3)
            statement.bindOptional(entry.policyID, at: offset + 4)
            statement.bindOptional(entry.claimID, at: offset + 5)
            statement.bindOptional(entry.reversesEntryID, at: offset + 6)
            statement.bind(entry.unitCode, at: offset + 7)
            statement.bind(entry.at, at: offset + 8)
            statement.bind(entry.operatorName, at: offset + 9)
            statement.bindOptional(entry.scriptName, at: offset + 10)
            statement.bindOptional(entry.scriptSHA256, at: offset + 11)
        }
        precondition(ids == nil || ids!.lowerBound == batch.firstEntryID, "ledger entries were written between reading and writing")
        let lineInsert = try BatchInsert(db, table: "ledgerLine", columns: ["entryID", "account", "debit", "credit"])
        try lineInsert.insert(count: batch.lines.count) { statement, index, _, offset in
            let line = batch.lines[index]
            statement.bind(line.entryID, at: offset + 1)
            statement.bind(line.account.rawValue, at: offset + 2)
            statement.bind(line.debit.fen, at: offset + 3)
            statement.bind(line.credit.fen, at: offset + 4)
        }
    }

    static func writeAudit(_ db: Database, _ batch: ClaimBatch) throws {
        let insert = try BatchInsert(db, table: "audit", columns: [
            "operator", "at", "action", "operation", "tableName", "rowKey", "summary", "scriptName", "scriptSHA256",
        ])
        try insert.insert(count: batch.audits.count) { statement, index, _, offset in
            let entry = batch.audits[index]
            statement.bind(entry.operatorName, at: offset + 1)
            statement.bind(entry.at, at: offset + 2)
            statement.bind(entry.action, at: offset + 3)
            statement.bind(entry.operation, at: offset + 4)
            statement.bind(entry.tableName, at: offset + 5)
            statement.bind(entry.rowKey, at: offset + 6)
            statement.bind(entry.summary, at: offset + 7)
            statement.bindOptional(entry.scriptName, at: offset + 8)
            statement.bindOptional(entry.scriptSHA256, at: offset + 9)
        }
    }
}

extension RawStatement {
    /// Binds an integer, or NULL for `nil`.
    func bindOptional(_ value: Int64?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }
}
