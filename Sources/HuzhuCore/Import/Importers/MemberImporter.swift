import Foundation
import GRDB

/// Imports members from a CSV file: every row validated as
/// ``MemberService/register(_:_:context:)`` validates a member, then all
/// written in one transaction.
///
/// Columns (English or Chinese headers, see ``ImportSchemas/members``):
/// `resident_id,name,unit,phone,hardship,joined_on`. Values are trimmed.
/// `resident_id` is 18 characters or a 15-digit legacy number (upgraded);
/// it or `phone` may be written as Excel text, `="…"`. `hardship` is
/// `1`/`0`, `true`/`false`, `yes`/`no`, `是`/`否` or empty (no).
/// `joined_on` is `YYYY-MM-DD` (also `YYYY/M/D`); empty means the business
/// date. Imported members are active.
///
/// Each row is checked for everything `register` checks — the resident ID
/// (E101–E107), not registered yet (E302), the name (E301), the unit exists
/// (E208) inside the scope (E250), the phone (E111), the join date not
/// after today (E309) nor before the birth date (E310) — plus empty
/// required cells (E802), yes/no values (E804), dates (E801) and a resident
/// ID already on an earlier line (E803, `duplicate resident_id, first at
/// line 5`; a 15-digit number and its 18-character form are the same ID).
///
/// **Atomic by default**: any invalid row and nothing is imported; every
/// error of every row is reported (``ImportFailure``). With
/// ``ImportOptions/skipInvalid`` the valid rows are imported and the others
/// written to the rejects file.
///
/// **One transaction, one audit row.** The import writes a single audit row
/// (`importMembers`: file, rows read, imported, rejected and the range of
/// member row ids inserted, which are consecutive) rather than one per
/// member: a row per member would double the rows written and is what
/// keeps a million-row import within 1.5× of SQLite's own `.import`.
/// Every imported member is still covered: its id lies in the range.
///
/// ```swift
/// let report = try MemberImporter().importFile(url, into: database, context: context)
/// print(report.summary)   // imported 50,000 members
/// ```
public struct MemberImporter: CSVImporter {
    /// The part of the tree members may be imported into.
    public let scope: Scope
    /// Atomic or skipping, encoding, masking.
    public var options: ImportOptions

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - scope: Everything by default.
    ///   - options: Atomic, detected encoding and masked errors by default.
    public init(scope: Scope = .everything, options: ImportOptions = ImportOptions()) {
        self.scope = scope
        self.options = options
    }


    /// Imports a file inside the caller's transaction (as a savepoint), or
    /// in a transaction of its own when there is none.
    ///
    /// - Parameters: as ``CSVImporter/importFile(_:into:context:progress:)``, with a connection.
    /// - Returns: What was imported.
    /// - Throws: as ``importFile(_:into:context:progress:)``.
    @discardableResult
    public func importFile(_ url: URL, into db: Database, context: WriteContext,
                           progress: ((CSVProgress) -> Void)? = nil) throws -> ImportReport {
        let session = try ImportSession(url: url, kind: .members, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importMembers", table: "member", context: context) {
            var rows = try MemberRows(session: session, db: db, scope: scope, context: context)
            return try rows.importAll()
        }
    }
}

/// The loop of a members import: validate each row, hand the valid ones to
/// ``MemberBulkWriter`` (the bulk path ``MemberService/registerInBulk(_:_:context:maximumFailures:)``
/// also writes through), which inserts them sorted by resident ID.
private struct MemberRows {
    let session: ImportSession
    let db: Database
    let today: CivilDate
    let units: UnitDirectory
    /// Whether the table had members before: if not, the in-file check is
    /// the whole duplicate check.
    let checkDatabase: Bool
    let exists: RawStatement
    let indexes: (residentID: Int, name: Int, unit: Int, phone: Int?, hardship: Int?, joinedOn: Int?)
    /// The payee bank account columns, if the file has them.
    let accountIndexes: (bank: Int?, account: Int?)
    /// The valid rows' payee accounts, stored once their members are.
    var accounts: [(residentID: String, bank: String, account: BankAccountNumber)] = []
    let operatorName: String
    /// First 17 digits of each resident ID seen → its line.
    var seen: [UInt64: Int32] = [:]
    /// Valid rows, written sorted.
    var writer: MemberBulkWriter

    init(session: ImportSession, db: Database, scope: Scope, context: WriteContext) throws {
        self.session = session
        self.db = db
        today = context.today
        units = try UnitDirectory(db, scope: scope)
        checkDatabase = try MemberStore.any(db)
        exists = try MemberStore.registeredCheck(db)
        let header = session.header
        indexes = (header.index(of: "resident_id")!, header.index(of: "name")!, header.index(of: "unit")!,
                   header.index(of: "phone"), header.index(of: "hardship"), header.index(of: "joined_on"))
        accountIndexes = (header.index(of: "bank"), header.index(of: "account"))
        operatorName = context.operatorName
        let rows = session.estimatedRows ?? 0
        seen.reserveCapacity(min(rows, MemberBulkWriter.chunkSize))
        writer = try MemberBulkWriter(db, expectedRows: rows, bytes: session.fileSize)
    }

    /// Validates every row and inserts the valid ones while that is wanted.
    ///
    /// - Returns: The row ids of the members inserted (consecutive), if any.
    mutating func importAll() throws -> ClosedRange<Int64>? {
        do {
            while let record = try session.next() {
                let errors = validate(record)
                if !errors.isEmpty {
                    try session.reject(record, errors)
                    if !session.writesRows { writer.discardPending() }
                } else if writer.isFull {
                    try flush()
                }
            }
            if session.writesRows {
                try flush()
                try writer.finish()
                try PayoutStore.setMemberAccounts(db, accounts, since: today, operatorName: operatorName)
            } else {
                writer.abandon()
            }
        } catch {
            writer.abandon()
            throw error
        }
        return writer.ids
    }

    /// Checks one row; a valid row is handed to the writer.
    ///
    /// - Returns: The row's errors, empty when it is valid.
    private mutating func validate(_ record: CSVRecord) -> [CSVError] {
        var errors = session.recordErrors(record)
        guard errors.isEmpty else { return errors }
        let fields = record.fields
        func cell(_ index: Int?) -> String? { index.map { ImportValues.trimmed(fields[$0]) } }

        // Resident ID: the fast check, else the full one for its exact failure.
        var id: FastResidentID?
        let idText = ImportValues.unwrapExcelText(cell(indexes.residentID)!)
        if idText.isEmpty {
            errors.append(session.required("resident_id", in: record))
        } else if let fast = FastResidentID.check(idText, today: today) {
            id = fast
        } else {
            do { id = FastResidentID(try ResidentID(idText, today: today)) } catch {
                errors.append(session.error(error as! ValidationFailure, in: record))
            }
        }
        if let id {
            if let firstLine = seen[id.key] {
                errors.append(session.duplicate("resident_id", key: "resident_id", firstLine: Int(firstLine), in: record))
            } else {
                seen[id.key] = Int32(clamping: record.line)
                if checkDatabase {
                    exists.bind(id.value, at: 1)
                    if (try? exists.hasRow()) != false {
                        errors.append(session.error(ValidationFailure(.memberExists, field: "residentID"), in: record))
                    }
                }
            }
        }

        let name = cell(indexes.name)!
        if name.isEmpty {
            errors.append(session.required("name", in: record))
        } else if !Self.isPlainName(name) {
            let length = CodeRules.nameLength(name, maximum: 50)
            if !length.ok {
                errors.append(session.error(ValidationFailure(.memberNameInvalid, field: "name",
                                                              ["count": String(length.count)]), in: record))
            }
        }

        let unit = cell(indexes.unit)!
        if unit.isEmpty {
            errors.append(session.required("unit", in: record))
        } else if let failure = units.failure(unit) {
            errors.append(session.error(failure, in: record))
        }

        var phone: String?
        if let text = cell(indexes.phone).map(ImportValues.unwrapExcelText), !text.isEmpty {
            if Self.isPlainMobile(text) {
                phone = text
            } else {
                do { phone = try Phone(text).value } catch {
                    errors.append(session.error(error as! ValidationFailure, in: record))
                }
            }
        }

        var hardship = false
        if let text = cell(indexes.hardship) {
            do { hardship = try ImportValues.flag(text, field: "hardship") } catch {
                errors.append(session.error(error as! ValidationFailure, in: record))
            }
        }

        var joinedOn = today
        if let text = cell(indexes.joinedOn), !text.isEmpty {
            do { joinedOn = try ImportValues.date(text, field: "joined_on") } catch {
                errors.append(session.error(error as! ValidationFailure, in: record))
            }
        }
        if joinedOn > today {
            errors.append(session.error(ValidationFailure(.dateInFuture, field: "joined_on", value: .plain(joinedOn.description),
                                                          ["date": joinedOn.description, "today": today.description]), in: record))
        }
        if let id, joinedOn < id.birthDate {
            errors.append(session.error(ValidationFailure(.joinedBeforeBirth, field: "joined_on", value: .plain(joinedOn.description),
                                                          ["date": joinedOn.description, "birth": id.birthDate.description]), in: record))
        }
        var account: (String, BankAccountNumber)?
        let bank = cell(accountIndexes.bank) ?? "", number = cell(accountIndexes.account).map(ImportValues.unwrapExcelText) ?? ""
        if !bank.isEmpty || !number.isEmpty {
            if number.isEmpty {
                errors.append(session.required("account", in: record))
            } else {
                do { account = try PayoutService.checked(bank: bank, account: number, subject: nil) } catch {
                    for failure in (error as! ValidationError).failures {
                        errors.append(session.error(failure, in: record))
                    }
                }
            }
        }
        guard errors.isEmpty, let id else { return errors }
        if let account, session.writesRows {
            accounts.append((id.value, account.0, account.1))
        }
        if session.writesRows {
            writer.append(BulkMember(id: id, name: name, unit: unit, phone: phone, hardship: hardship, joinedOn: joinedOn))
        }
        return []
    }

    /// Inserts the valid rows held so far.
    private mutating func flush() throws {
        guard session.writesRows else { return }
        session.imported(try writer.flush())
    }

    /// Whether a name certainly passes the name rule (1–50 characters, not
    /// blank) without counting characters: at most 50 bytes, starting with
    /// a visible ASCII character or a CJK ideograph (lead byte E4–E9).
    static func isPlainName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard utf8.count <= 50, let first = utf8.first else { return false }
        return (0x21...0x7E).contains(first) || (0xE4...0xE9).contains(first)
    }

    /// Eleven ASCII digits `1[3-9]…`: a mobile number already in its normal form.
    static func isPlainMobile(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == 11 else { return false }
        var index = 0
        for byte in utf8 {
            guard byte >= 48 && byte <= 57 else { return false }
            if index == 0 && byte != 49 { return false }
            if index == 1 && byte < 51 { return false }
            index += 1
        }
        return true
    }
}
