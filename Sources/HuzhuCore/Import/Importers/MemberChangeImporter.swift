import Foundation
import GRDB

/// Imports members' life events from a CSV file, each row through the
/// same ``MemberService`` function a script calls, in file order (so a
/// member's changes follow one another), in one transaction.
///
/// Columns (see ``ImportSchemas/memberChanges``):
/// `resident_id,change,date,unit,name,phone,hardship`
/// (身份证号,变更,日期,单位,姓名,电话,困难职工). `change` is one of
///
/// | change | 变更 | service | needs |
/// |---|---|---|---|
/// | `update` | 变更, 信息变更 | ``MemberService/update(_:residentID:_:on:context:)`` | one of name, phone, hardship |
/// | `transfer` | 调动 | ``MemberService/transfer(_:residentID:to:on:context:)`` | unit |
/// | `left` (`leave`) | 离职 | ``MemberService/leave(_:residentID:_:on:context:)`` | |
/// | `retired` (`retire`) | 退休 | the same, retired | |
/// | `deceased` (`death`) | 身故, 死亡 | the same, deceased | |
///
/// `date` is the day the change took effect (`YYYY-MM-DD`, also `YYYY/M/D`;
/// empty: today). An unknown change is E313, a transfer without a unit or an
/// update without a field E315; everything else comes from the service
/// (E305, E250, E208, E301, E111, E308, E309, E311, E312, E314). Atomic by
/// default; with `--skip-invalid` the valid rows are imported and the others
/// written to the rejects file.
public struct MemberChangeImporter: CSVImporter {
    /// The subtree whose members may change.
    public let scope: Scope
    /// Atomic or skipping, encoding, masking.
    public var options: ImportOptions

    /// Creates an importer.
    public init(scope: Scope = .everything, options: ImportOptions = ImportOptions()) {
        self.scope = scope
        self.options = options
    }

    /// The kinds of change a file names, by every word accepted.
    enum Change: Equatable {
        case update, transfer, leave(MemberStatus)

        static let words: [String: Change] = [
            "update": .update, "变更": .update, "信息变更": .update,
            "transfer": .transfer, "调动": .transfer,
            "left": .leave(.left), "leave": .leave(.left), "离职": .leave(.left),
            "retired": .leave(.retired), "retire": .leave(.retired), "退休": .leave(.retired),
            "deceased": .leave(.deceased), "death": .leave(.deceased), "身故": .leave(.deceased), "死亡": .leave(.deceased),
        ]
        static let expected = "update, transfer, left, retired, deceased (变更, 调动, 离职, 退休, 身故)"
    }

    /// Imports a file inside the caller's transaction (as a savepoint).
    @discardableResult
    public func importFile(_ url: URL, into db: Database, context: WriteContext,
                           progress: ((CSVProgress) -> Void)? = nil) throws -> ImportReport {
        let session = try ImportSession(url: url, kind: .memberChanges, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importMemberChanges", table: "memberEvent",
                                 context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        let members = MemberService(scope: scope)
        while let record = try session.next() {
            var errors = session.recordErrors(record)
            guard errors.isEmpty else { try session.reject(record, errors); continue }
            func cell(_ field: String) -> String? {
                let text = session.value(record, field) ?? ""
                return text.isEmpty ? nil : ImportValues.unwrapExcelText(text)
            }
            let residentID = cell("resident_id") ?? ""
            if residentID.isEmpty { errors.append(session.required("resident_id", in: record)) }
            let word = cell("change") ?? ""
            let change = Change.words[word.lowercased()]
            if word.isEmpty {
                errors.append(session.required("change", in: record))
            } else if change == nil {
                errors.append(session.error(ValidationFailure(.memberChangeUnknown, field: "change", value: .plain(word),
                                                              ["change": word, "expected": Change.expected]), in: record))
            }
            var date: CivilDate?
            if let text = cell("date") {
                do { date = try ImportValues.date(text, field: "date") } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                }
            }
            var hardship: Bool?
            if let text = cell("hardship") {
                do { hardship = try ImportValues.flag(text, field: "hardship") } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                }
            }
            let unit = cell("unit"), name = cell("name"), phone = cell("phone")
            func missing(_ field: String) {
                errors.append(session.error(ValidationFailure(.memberChangeFieldMissing, field: field, value: .plain(""),
                                                              ["change": word, "field": field]), in: record))
            }
            if change == .transfer, unit == nil { missing("unit") }
            if change == .update, name == nil, phone == nil, hardship == nil { missing("name") }
            if errors.isEmpty, let change {
                do {
                    switch change {
                    case .update:
                        try members.update(db, residentID: residentID,
                                           MemberChanges(name: name, phone: phone.map { .some($0) }, hardship: hardship),
                                           on: date, context: context)
                    case .transfer:
                        try members.transfer(db, residentID: residentID, to: unit!, on: date, context: context)
                    case .leave(let status):
                        try members.leave(db, residentID: residentID, status, on: date, context: context)
                    }
                    session.imported()
                } catch let error as ValidationError {
                    errors += session.errors(error, in: record)
                }
            }
            if !errors.isEmpty { try session.reject(record, errors) }
        }
    }
}
