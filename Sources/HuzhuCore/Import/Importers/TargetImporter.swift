import Foundation
import GRDB

/// Imports annual targets from a CSV file through ``TargetService``, so
/// every rule of `set` applies, in one transaction.
///
/// Columns (see ``ImportSchemas/targets``): `unit,year,members,
/// contributions,plan` — contributions in yuan (`360000` or `360000.00`),
/// `plan` empty for the all-plans target. A row replaces the target already
/// set for its unit, year and plan; the same unit, year and plan twice in
/// one file is refused on the second line (E803). Atomic by default, as
/// ``MemberImporter``.
public struct TargetImporter: CSVImporter {
    /// The subtree targets may be set for.
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
        let session = try ImportSession(url: url, kind: .targets, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importTargets", table: "target", context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        let service = TargetService(scope: scope)
        var firstLine: [String: Int] = [:]
        while let record = try session.next() {
            var errors = session.recordErrors(record)
            func cell(_ field: String) -> String { session.value(record, field) ?? "" }
            func parse<T>(_ field: String, _ body: (String) throws -> T) -> T? {
                let text = cell(field)
                guard !text.isEmpty else { errors.append(session.required(field, in: record)); return nil }
                do { return try body(text) } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                } catch {
                    errors.append(session.error(ValidationFailure(.amountInvalid, field: field, value: .plain(text), ["text": text]),
                                                in: record))
                }
                return nil
            }
            guard errors.isEmpty else { try session.reject(record, errors); continue }
            let unit = cell("unit"), plan = cell("plan")
            if unit.isEmpty { errors.append(session.required("unit", in: record)) }
            let year = parse("year") { try ImportValues.integer($0, field: "year") }
            let members = parse("members") { try ImportValues.integer($0, field: "members") }
            let contributions = parse("contributions") { try ImportValues.money($0, field: "contributions") }
            if let year, !unit.isEmpty {
                let key = "\(unit)/\(year)/\(plan)"
                if let first = firstLine[key] {
                    errors.append(session.duplicate("unit", key: "target \(unit) \(year)\(plan.isEmpty ? "" : " " + plan)",
                                                    firstLine: first, in: record))
                } else {
                    firstLine[key] = record.line
                }
            }
            if errors.isEmpty, let year, let members, let contributions {
                do {
                    try db.inSavepoint {
                        try service.set(db, Target(unitCode: unit, year: year, planCode: plan.isEmpty ? nil : plan,
                                                   members: members, contributions: contributions), context: context)
                        return .commit
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
