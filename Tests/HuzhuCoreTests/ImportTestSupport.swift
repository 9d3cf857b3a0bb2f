import Foundation
import GRDB
@testable import HuzhuCore

/// A scratch folder and the seeded city (``Fixture/city()``), for import and export tests.
final class ImportBench {
    let scratch: CSVScratch
    let database: HuzhuDatabase

    init() throws {
        scratch = try CSVScratch()
        database = try Fixture.city()
    }

    /// Options with a rejects file, or atomic.
    func options(skipInvalid: Bool = false, unmasked: Bool = false) -> ImportOptions {
        var options = ImportOptions()
        options.skipInvalid = skipInvalid
        options.unmasked = unmasked
        if skipInvalid { options.rejectsURL = scratch.url("rejects.csv") }
        return options
    }

    @discardableResult
    func members(_ text: String, file: String = "members.csv", options: ImportOptions = ImportOptions(),
                 scope: Scope = .everything) throws -> ImportReport {
        let url = try scratch.file(file, text)
        return try MemberImporter(scope: scope, options: options).importFile(url, into: database, context: Fixture.context())
    }

    @discardableResult
    func policies(_ text: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let url = try scratch.file("policies.csv", text)
        return try PolicyImporter(options: options).importFile(url, into: database, context: Fixture.context())
    }

    @discardableResult
    func units(_ text: String, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let url = try scratch.file("units.csv", text)
        return try UnitImporter(options: options).importFile(url, into: database, context: Fixture.context())
    }

    func count(_ table: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")! }
    }

    /// The text of the rejects file, without its byte order mark.
    func rejects() throws -> String {
        let bytes = try scratch.bytes("rejects.csv")
        return String(decoding: bytes.dropFirst(3), as: UTF8.self)
    }
}

/// The ImportFailure `body` throws, or nil.
func importFailure(_ body: () throws -> Void) -> ImportFailure? {
    do { try body(); return nil } catch let failure as ImportFailure { return failure } catch { return nil }
}

/// Resident IDs used across the import tests (born 1980-01-01, Hefei Baohe).
enum IDs {
    static let a = "340104198001011234"   // male
    static let b = Fixture.residentID(birth: "19850505", sequence: 22)   // female
    static let c = Fixture.residentID(birth: "19700707", sequence: 33)   // male
    static let d = Fixture.residentID(birth: "19900909", sequence: 44)   // female
}
