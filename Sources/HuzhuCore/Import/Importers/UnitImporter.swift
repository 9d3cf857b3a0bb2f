import Foundation
import GRDB

/// Imports units from a CSV file through ``UnitService``, so every rule of
/// `create` and `setHeadcount` applies, in one transaction.
///
/// Columns (see ``ImportSchemas/units``): `code,name,kind,parent,office,
/// employees,year`. `kind` is an English name (`federation`, `district`,
/// `county`, `industry`, `enterprise`, `grassroots`) or a Chinese one, full
/// or short (`市总工会`/`市总`, `区总工会`/`区`, `县总工会`/`县`,
/// `产业工会`/`产业`, `企业工会`/`企业`, `基层工会`/`基层`). `parent` is
/// empty only for the federation; `office` must exist already. `employees`
/// is the unit's headcount for `year` (default: the business date's year).
///
/// A parent may come after its children in the file: rows are created
/// parents first. Units whose parents form a cycle in the file are refused
/// (E205); a code on two lines is refused on the second (E803); a code
/// already in the database, a missing parent and every other rule come from
/// the service (E201–E213, E250). Errors are listed in line order.
///
/// Units files are small: rows are held in memory, each unit is created
/// through the service (one audit row each) and the import adds its own
/// audit row (`importUnits`). Atomic by default, as ``MemberImporter``.
public struct UnitImporter: CSVImporter {
    /// The part of the tree units may be created in.
    public let scope: Scope
    /// Atomic or skipping, encoding, masking.
    public var options: ImportOptions

    /// Creates an importer.
    public init(scope: Scope = .everything, options: ImportOptions = ImportOptions()) {
        self.scope = scope
        self.options = options
    }


    /// Imports a file inside the caller's transaction (as a savepoint).
    ///
    /// - Returns: What was imported.
    /// - Throws: ``ImportFailure``, ``CSVError``/``CSVErrors``, or a database error.
    @discardableResult
    public func importFile(_ url: URL, into db: Database, context: WriteContext,
                           progress: ((CSVProgress) -> Void)? = nil) throws -> ImportReport {
        let session = try ImportSession(url: url, kind: .units, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importUnits", table: "unit", context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private struct Row {
        var record: CSVRecord
        var draft: UnitDraft?
        var employees: Int?
        var year: Int
        var errors: [CSVError]
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        var rows: [Row] = []
        var firstLine: [String: Int] = [:]    // code → index of its first row
        while let record = try session.next() {
            var row = Row(record: record, draft: nil, employees: nil, year: context.today.year,
                          errors: session.recordErrors(record))
            defer { rows.append(row) }
            guard row.errors.isEmpty else { continue }
            func cell(_ field: String) -> String { session.value(record, field) ?? "" }
            let code = cell("code"), name = cell("name"), kindText = cell("kind")
            if code.isEmpty { row.errors.append(session.required("code", in: record)) }
            if name.isEmpty { row.errors.append(session.required("name", in: record)) }
            var kind: UnitKind?
            if kindText.isEmpty {
                row.errors.append(session.required("kind", in: record))
            } else {
                do { kind = try ImportValues.unitKind(kindText) } catch let failure as ValidationFailure {
                    row.errors.append(session.error(failure, in: record))
                }
            }
            if !cell("employees").isEmpty {
                do { row.employees = try ImportValues.integer(cell("employees"), field: "employees") }
                catch let failure as ValidationFailure { row.errors.append(session.error(failure, in: record)) }
                if !cell("year").isEmpty {
                    do { row.year = try ImportValues.integer(cell("year"), field: "year") }
                    catch let failure as ValidationFailure { row.errors.append(session.error(failure, in: record)) }
                }
            }
            if !code.isEmpty {
                if let first = firstLine[code] {
                    row.errors.append(session.duplicate("code", key: "code", firstLine: rows[first].record.line, in: record))
                } else {
                    firstLine[code] = rows.count
                }
            }
            if let kind, !code.isEmpty, !name.isEmpty {
                let parent = cell("parent"), office = cell("office")
                row.draft = UnitDraft(code: code, name: name, kind: kind, parentCode: parent.isEmpty ? nil : parent,
                                      officeCode: office.isEmpty ? nil : office)
            }
        }

        // Parents first: walk each row's chain of parents inside the file.
        var order: [Int] = []
        var state = [UInt8](repeating: 0, count: rows.count)   // 0 new, 1 on the current chain, 2 placed
        for start in rows.indices where state[start] == 0 {
            var chain: [Int] = []
            var index: Int? = start
            while let current = index, state[current] == 0 {
                state[current] = 1
                chain.append(current)
                index = rows[current].draft?.parentCode.flatMap { firstLine[$0] }
            }
            if let current = index, state[current] == 1 {
                // The chain came back to itself: every row from there on is in a cycle.
                for member in chain[chain.firstIndex(of: current)!...] {
                    let draft = rows[member].draft!
                    let failure = ValidationFailure(.unitCycle, field: "parent", value: .plain(draft.parentCode!),
                                                    ["parent": draft.parentCode!, "code": draft.code])
                    rows[member].errors.append(session.error(failure, in: rows[member].record))
                }
            }
            for member in chain.reversed() { state[member] = 2; order.append(member) }
        }

        let units = UnitService(scope: scope)
        for index in order {
            guard rows[index].errors.isEmpty, let draft = rows[index].draft else { continue }
            do {
                try db.inSavepoint {
                    try units.create(db, draft, context: context)
                    if let employees = rows[index].employees {
                        try units.setHeadcount(db, unitCode: draft.code, year: rows[index].year, employees: employees,
                                               context: context)
                    }
                    return .commit
                }
                session.imported()
            } catch let error as ValidationError {
                rows[index].errors += session.errors(error, in: rows[index].record)
            }
        }
        for row in rows where !row.errors.isEmpty {
            try session.reject(row.record, row.errors)
        }
    }
}
