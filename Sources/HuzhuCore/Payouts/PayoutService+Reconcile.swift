import Foundation
import GRDB

extension PayoutService {
    // MARK: - The bank's answer

    /// Reads the bank's answer to batches sent (columns
    /// `reference,status,date,message`, in any order; status `success`,
    /// `failed`, `成功` or `失败`; the date YYYY-MM-DD or YYYYMMDD; UTF-8
    /// or GB18030) and settles each payment: a success pays its claim
    /// (``ClaimService/pay(_:claimID:_:context:)``: bank transfer, the
    /// reference, on the bank's date — Dr benefits:payable, Cr fund:cash);
    /// a failure marks the payment failed with the bank's message and
    /// leaves the claim approved, to go in the next batch.
    ///
    /// All or nothing: every line is checked first, and any failure
    /// refuses the whole file naming its line — a reference not sent to
    /// the bank or outside the scope (E934), one answered already (E936),
    /// a bad status (E935) or date (E801), a date before the batch was
    /// sent or after today (E940), a missing column (E937).
    ///
    /// - Returns: The payments paid and failed.
    /// - Throws: ``ValidationError``; ``CSVError`` for a file that cannot be read.
    @discardableResult
    public func reconcile(_ db: Database, file: URL, context: WriteContext) throws -> PayoutReconciliation {
        let reader = try CSVReader(contentsOf: file)
        var columns: [String: Int] = [:]
        for (index, name) in reader.header.enumerated() {
            columns[name.trimmingCharacters(in: .whitespaces).lowercased()] = index
        }
        var failures = FailureCollector()
        for column in ["reference", "status", "date", "message"] where columns[column] == nil {
            failures.add(.payoutFileColumns, field: column, ["column": column])
        }
        try failures.throwIfAny()
        struct Answer {
            var item: PayoutItem
            var paid: Bool
            var date: CivilDate
            var message: String
        }
        var answers: [Answer] = []
        var seen: Set<String> = []
        while let record = try reader.nextRecord() {
            let line = String(record.line)
            func field(_ name: String) -> String {
                let index = columns[name]!
                return index < record.fields.count ? record.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            let reference = field("reference")
            guard let item = try PayoutStore.item(db, reference: reference), !seen.contains(reference),
                  let unit = try PayoutStore.claimUnit(db, claimID: item.claimID), try scope.contains(unit, in: db) else {
                failures.add(.payoutReferenceUnknown, field: "reference", value: .plain(reference),
                             ["line": line, "reference": reference])
                continue
            }
            seen.insert(reference)
            if item.status != .sent {
                failures.add(.payoutAlreadyAnswered, field: "reference", value: .plain(reference),
                             ["line": line, "reference": reference, "status": item.status.rawValue,
                              "date": item.answeredOn?.description ?? ""])
                continue
            }
            let statusText = field("status")
            let paid: Bool
            switch statusText.lowercased() {
            case "success", "成功": paid = true
            case "failed", "失败": paid = false
            default:
                failures.add(.payoutStatusInvalid, field: "status", value: .plain(statusText),
                             ["line": line, "text": statusText])
                continue
            }
            let dateText = field("date")
            guard let date = Self.bankDate(dateText) else {
                failures.add(.dateInvalid, field: "date", value: .plain(dateText), ["text": dateText])
                continue
            }
            let sent = try PayoutStore.batch(db, id: item.batchID)!.sentOn
            if date < sent || date > context.today {
                failures.add(.payoutDateInvalid, field: "date", value: .plain(dateText),
                             ["line": line, "date": date.description, "sent": sent.description,
                              "today": context.today.description])
                continue
            }
            answers.append(Answer(item: item, paid: paid, date: date, message: field("message")))
        }
        try failures.throwIfAny()
        var result = PayoutReconciliation(paid: [], failed: [])
        let claims = ClaimService(scope: scope)
        try db.inSavepoint {
            for answer in answers {
                var item = answer.item
                item.status = answer.paid ? .paid : .failed
                item.answeredOn = answer.date
                item.message = answer.message.isEmpty ? nil : answer.message
                try PayoutStore.update(db, item)
                try AuditLog.record(db, context: context, action: "update",
                                    operation: answer.paid ? "payoutPaid" : "payoutFailed", table: "payoutItem",
                                    rowKey: String(item.id!),
                                    summary: ["claim": .integer(item.claimID), "reference": .text(item.reference),
                                              "date": .text(answer.date.description),
                                              "message": item.message.map { .text($0) } ?? .null])
                if answer.paid {
                    try claims.pay(db, claimID: item.claimID,
                                   ClaimPayment(amount: item.amount, method: .bankTransfer, reference: item.reference,
                                                paidOn: answer.date),
                                   context: context)
                    result.paid.append(item)
                } else {
                    result.failed.append(item)
                }
            }
            return .commit
        }
        return result
    }

    /// A bank's date: `2026-11-05` or `20261105`.
    static func bankDate(_ text: String) -> CivilDate? {
        if let date = try? CivilDate(parsing: text) { return date }
        guard text.count == 8, text.allSatisfy(\.isNumber) else { return nil }
        let chars = Array(text)
        return try? CivilDate(parsing: String(chars[0..<4]) + "-" + String(chars[4..<6]) + "-" + String(chars[6..<8]))
    }
}
