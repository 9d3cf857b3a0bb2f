import Foundation
import GRDB

extension PayoutService {
    // MARK: - Batch

    /// Writes the bank's batch file for every approved claim within the
    /// scope with an amount payable and a payee account, and marks each
    /// payment sent — one `payoutBatch` row and a `payoutItem` per claim,
    /// audited with the file's path, count and total.
    ///
    /// The file (UTF-8 with a byte order mark, CRLF; columns
    /// `reference,payee,account,amount`, the account in full, the amount
    /// in yuan with 2 decimals) is written owner-only (0600) beside its
    /// place and moved there when the transaction commits; a rollback (an
    /// error later in the run, `--dry-run`) leaves no file. An existing
    /// file is never replaced (E938).
    ///
    /// Refused when nothing is to be paid (E931), or when the batch's total
    /// is more than the bank balance (fund:cash less the payments already
    /// sent and not yet answered; the fund-balance check, E932).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - file: Where the bank's file goes.
    ///   - workspace: The workspace root, whose own files the file may not name.
    ///   - date: The day it is sent; today by default, not after today (E309).
    ///   - context: Operator, script and today's date.
    /// - Returns: The batch and its items (accounts masked).
    /// - Throws: ``ValidationError`` E931, E932, E938, E309; a Foundation error when the folder cannot be written.
    @discardableResult
    public func batch(_ db: Database, file: URL, workspace: URL?, on date: CivilDate? = nil,
                      context: WriteContext) throws -> PayoutBatchResult {
        let sentOn = date ?? context.today
        if sentOn > context.today {
            throw ValidationError(ValidationFailure(.dateInFuture, field: "date", value: .plain(sentOn.description),
                                                    ["date": sentOn.description, "today": context.today.description]))
        }
        if FileManager.default.fileExists(atPath: file.path) {
            throw ValidationError(ValidationFailure(.payoutFileExists, field: "out", value: .plain(file.path),
                                                    ["path": file.path]))
        }
        let candidates = try PayoutStore.candidates(db, in: try scope.range(in: db))
        guard !candidates.isEmpty else {
            throw ValidationError(ValidationFailure(.payoutBatchEmpty, field: "claims",
                                                    ["within": scope.unitCode.map { " in \($0)" } ?? ""]))
        }
        let total = Money(fen: candidates.reduce(0) { $0 + $1.amount })
        let cash = try LedgerService().balance(db, account: .fundCash)
        let available = Money(fen: cash.fen - (try PayoutStore.awaitingAnswer(db)))
        if total > available {
            throw ValidationError(ValidationFailure(.fundBalanceInsufficient, field: "batch",
                                                    ["total": total.description, "count": String(candidates.count),
                                                     "balance": available.description]))
        }
        let output = try OutputFile(file, workspace: workspace)
        var batch = PayoutBatch(id: nil, sentOn: sentOn, file: file.path, count: candidates.count, total: total,
                                scopeUnit: scope.unitCode, at: AuditLog.timestamp(context.clock()),
                                operatorName: context.operatorName, scriptName: context.scriptName,
                                scriptSHA256: context.scriptSHA256)
        var items: [PayoutItem] = []
        var rows: [[String]] = [["reference", "payee", "account", "amount"]]
        try db.inSavepoint {
            try PayoutStore.insert(db, &batch)
            let batchID = batch.id!
            for candidate in candidates {
                var item = PayoutItem(id: nil, batchID: batchID, claimID: candidate.claimID,
                                      reference: "P\(batchID)-\(candidate.claimID)", payee: candidate.payee,
                                      accountMasked: candidate.masked, amount: Money(fen: candidate.amount), status: .sent)
                try PayoutStore.insert(db, &item)
                items.append(item)
                rows.append([item.reference, item.payee, candidate.digits, Self.yuan(item.amount)])
            }
            try AuditLog.record(db, context: context, action: "insert", operation: "sendPayoutBatch", table: "payoutBatch",
                                rowKey: String(batchID),
                                summary: ["file": .text(file.path), "count": .integer(Int64(items.count)),
                                          "total": .integer(total.fen), "sentOn": .text(sentOn.description)])
            return .commit
        }
        try output.write(Self.csv(rows))
        let pending = PendingFile(output)
        db.afterNextTransaction(onCommit: { _ in pending.commit() }, onRollback: { _ in pending.discard() })
        return PayoutBatchResult(batch: batch, items: items)
    }

    /// An amount in yuan with 2 decimals and no grouping: `1234.50`.
    static func yuan(_ amount: Money) -> String {
        let fen = amount.fen
        return "\(fen / 100).\(String(format: "%02d", fen % 100))"
    }

    /// CSV for the bank: UTF-8 with a byte order mark, CRLF, fields quoted when they hold a comma, quote or line end.
    static func csv(_ rows: [[String]]) -> Data {
        var text = "\u{FEFF}"
        for row in rows {
            text += row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }
}

/// The bank's file, written beside its place, moved there when the transaction commits.
private final class PendingFile: @unchecked Sendable {
    private let file: OutputFile
    init(_ file: OutputFile) { self.file = file }
    func commit() { try? file.commit() }
    func discard() { file.discard() }
}
