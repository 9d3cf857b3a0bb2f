import Foundation
import GRDB
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

/// A tiny city in a temporary database, and a runner over it.
final class ScriptFixture {
    let folder: TemporaryDirectory
    let database: HuzhuDatabase
    var path: String { folder.path("huzhu.db") }

    init() throws {
        folder = try TemporaryDirectory()
        database = try TinyCity.make(path: folder.path("huzhu.db"))
    }

    func runner(scope: Scope = .everything, operator name: String = "tester", limits: LuaLimits = LuaLimits()) throws -> ScriptRunner {
        try ScriptRunner(database: database, databasePath: path, context: TinyCity.context(operator: name),
                         scope: scope, limits: limits, scriptRoot: folder.url)
    }

    /// Runs `source` and returns its results.
    @discardableResult
    func run(_ source: String, name: String = "test.lua", scope: Scope = .everything, dryRun: Bool = false) throws -> [LuaValue] {
        try runner(scope: scope).run(source: source, name: name, dryRun: dryRun).results
    }

    /// Runs `source`, which must fail, and returns the error.
    func failure(_ source: String, name: String = "test.lua", scope: Scope = .everything, limits: LuaLimits = LuaLimits()) throws -> LuaError? {
        do {
            try runner(scope: scope, limits: limits).run(source: source, name: name)
            return nil
        } catch let error as LuaError {
            return error
        }
    }

    func count(_ table: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}
