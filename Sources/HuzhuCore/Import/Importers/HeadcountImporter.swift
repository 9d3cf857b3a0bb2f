import Foundation
import GRDB

/// Imports units' yearly numbers of employees from a CSV file through
/// ``UnitService/setHeadcount(_:unitCode:year:employees:context:)``, so
/// every rule of it applies, in one transaction.
///
/// Columns (see ``ImportSchemas/headcounts``): `unit,year,employees`
/// (单位,年度,职工人数). A row for a year already recorded replaces it (its
/// audit row holds the old and the new count); the same unit and year twice
/// in one file is refused on the second line (E803); an unknown unit (E208),
/// a unit outside the scope (E250), a negative count (E211) and a year out
/// of range (E212) come from the service. Atomic by default, as
/// ``TargetImporter``.
public struct HeadcountImporter: CSVImporter {
    /// The subtree headcounts may be set for.
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
        let session = try ImportSession(url: url, kind: .headcounts, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importHeadcounts", table: "unitHeadcount",
                                 context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        let units = UnitService(scope: scope)
        var firstLine: [String: Int] = [:]
        while let record = try session.next() {
            var errors = session.recordErrors(record)
            guard errors.isEmpty else { try session.reject(record, errors); continue }
            func cell(_ field: String) -> String { session.value(record, field) ?? "" }
            func integer(_ field: String) -> Int? {
                let text = cell(field)
                guard !text.isEmpty else { errors.append(session.required(field, in: record)); return nil }
                do { return try ImportValues.integer(text, field: field) } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                } catch {
                    errors.append(session.error(ValidationFailure(.integerInvalid, field: field, value: .plain(text),
                                                                  ["text": text]), in: record))
                }
                return nil
            }
            let unit = cell("unit")
            if unit.isEmpty { errors.append(session.required("unit", in: record)) }
            let year = integer("year")
            let employees = integer("employees")
            if let year, !unit.isEmpty {
                let key = "\(unit)/\(year)"
                if let first = firstLine[key] {
                    errors.append(session.duplicate("unit", key: "headcount \(unit) \(year)", firstLine: first, in: record))
                } else {
                    firstLine[key] = record.line
                }
            }
            if errors.isEmpty, let year, let employees {
                do {
                    try units.setHeadcount(db, unitCode: unit, year: year, employees: employees, context: context)
                    session.imported()
                } catch let error as ValidationError {
                    errors += session.errors(error, in: record)
                }
            }
            if !errors.isEmpty { try session.reject(record, errors) }
        }
    }
}
