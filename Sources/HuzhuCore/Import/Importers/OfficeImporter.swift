import Foundation
import GRDB

/// Imports offices (办事处 and 代办处) from a CSV file through
/// ``UnitService/createOffice(_:_:context:)``, so every rule of it applies,
/// in one transaction.
///
/// Columns (see ``ImportSchemas/offices``): `code,name,kind,parent`.
/// `kind` is `office` or `agency` (any case), or 办事处 or 代办处 (代办点
/// too); `parent` is empty or the code of an office already stored or on
/// another line of the file. A parent may come after its children: rows
/// are created parents first. Offices whose parents form a cycle in the
/// file are refused (E216); a code on two lines is refused on the second
/// (E803); the rest comes from the service (E201, E203, E209, E210, and
/// E251 in a scoped run: offices are the federation's).
///
/// Atomic by default, as ``UnitImporter``; each office gets its audit row
/// and the import its own (`importOffices`).
public struct OfficeImporter: CSVImporter {
    /// The run's scope: offices may only be created unscoped (E251).
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
        let session = try ImportSession(url: url, kind: .offices, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importOffices", table: "office", context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private struct Row {
        var record: CSVRecord
        var office: Office?
        var errors: [CSVError]
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        var rows: [Row] = []
        var firstLine: [String: Int] = [:]    // code → index of its first row
        while let record = try session.next() {
            var row = Row(record: record, office: nil, errors: session.recordErrors(record))
            defer { rows.append(row) }
            guard row.errors.isEmpty else { continue }
            func cell(_ field: String) -> String { session.value(record, field) ?? "" }
            let code = cell("code"), name = cell("name"), kindText = cell("kind"), parent = cell("parent")
            if code.isEmpty { row.errors.append(session.required("code", in: record)) }
            if name.isEmpty { row.errors.append(session.required("name", in: record)) }
            var kind: Office.Kind?
            if kindText.isEmpty {
                row.errors.append(session.required("kind", in: record))
            } else {
                do { kind = try Office.Kind.parse(kindText) } catch let failure as ValidationFailure {
                    row.errors.append(session.error(failure, in: record))
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
                row.office = Office(code: code, name: name, kind: kind, parentCode: parent.isEmpty ? nil : parent)
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
                index = rows[current].office?.parentCode.flatMap { firstLine[$0] }
            }
            if let current = index, state[current] == 1 {
                for member in chain[chain.firstIndex(of: current)!...] {
                    let office = rows[member].office!
                    let failure = ValidationFailure(.officeCycle, field: "parent", value: .plain(office.parentCode!),
                                                    ["parent": office.parentCode!, "code": office.code])
                    rows[member].errors.append(session.error(failure, in: rows[member].record))
                }
            }
            for member in chain.reversed() { state[member] = 2; order.append(member) }
        }

        let units = UnitService(scope: scope)
        for index in order {
            guard rows[index].errors.isEmpty, let office = rows[index].office else { continue }
            do {
                try units.createOffice(db, office, context: context)
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
