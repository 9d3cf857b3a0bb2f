import Foundation
import GRDB

/// Imports a bank statement through ``LedgerService/receive(_:_:context:)``,
/// so every receipt settles its unit's oldest open bills exactly as one
/// recorded by hand, in one transaction.
///
/// Columns (see ``ImportSchemas/receipts``): `date,payer,amount,reference`,
/// English or Chinese headers, UTF-8 or GB18030; amounts in yuan. A row
/// whose payer is no unit or that pays more than owed is imported and
/// noted (E910, E911: the money is held in receipts:unapplied); a
/// reference received before is refused (E912). Atomic by default, as
/// ``MemberImporter``; `skipInvalid` imports the valid rows.
public struct ReceiptImporter: CSVImporter {
    /// The scope of the caller (receipts are the federation's: a scoped caller is refused, E251).
    public let scope: Scope
    /// Atomic or skipping, encoding, masking.
    public var options: ImportOptions

    /// Creates an importer.
    public init(scope: Scope = .everything, options: ImportOptions = ImportOptions()) {
        self.scope = scope
        self.options = options
    }

    /// Imports a file inside the caller's transaction (as a savepoint).
    @discardableResult
    public func importFile(_ url: URL, into db: Database, context: WriteContext,
                           progress: ((CSVProgress) -> Void)? = nil) throws -> ImportReport {
        let session = try ImportSession(url: url, kind: .receipts, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importReceipts", table: "receipt", context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        let ledger = LedgerService(scope: scope)
        while let record = try session.next() {
            var errors = session.recordErrors(record)
            guard errors.isEmpty else { try session.reject(record, errors); continue }
            func cell(_ field: String) -> String { session.value(record, field) ?? "" }
            func required(_ field: String) -> String? {
                let text = cell(field)
                if text.isEmpty { errors.append(session.required(field, in: record)); return nil }
                return text
            }
            var date: CivilDate?
            var amount: Money?
            if let text = required("date") {
                do { date = try ImportValues.date(text, field: "date") } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                }
            }
            if let text = required("amount") {
                do { amount = try Money(yuan: text) } catch {
                    errors.append(session.error(ValidationFailure(.amountInvalid, field: "amount", value: .plain(text),
                                                                  ["text": text]), in: record))
                }
            }
            let payer = required("payer"), reference = required("reference")
            if errors.isEmpty, let date, let amount, let payer, let reference {
                do {
                    var result: ReceiptResult?
                    try db.inSavepoint {
                        result = try ledger.receive(db, ReceiptRequest(date: date, payer: payer, amount: amount,
                                                                       reference: reference), context: context)
                        return .commit
                    }
                    session.imported()
                    if let held = result?.held {
                        let error = session.error(held, in: record)
                        session.note("\(record.file):\(record.line): \(held.reason.label) \(error.reason)")
                    }
                } catch let error as ValidationError {
                    errors += session.errors(error, in: record)
                }
            }
            if !errors.isEmpty { try session.reject(record, errors) }
        }
    }
}
