import GRDB
import Testing
@testable import HuzhuCore

/// Records what the door told it.
private final class RecordingHooks: RuleHooks {
    var subsidyFormula: (any SubsidyFormula)? { nil }
    var events: [String] = []
    func begin(_ session: Session) { events.append("begin \(session.services.scope.unitCode ?? "*") \(session.mode)") }
    func end() { events.append("end") }
}

@Suite("The door: one session per transaction, scoped services, rule versions read once")
struct SessionTests {
    static let rule = RuleService()

    @discardableResult
    static func activate(_ db: Database, _ text: String, from date: String) throws -> RuleVersion {
        try rule.activate(db, name: "subsidy", text: text, sha256: String(repeating: "0", count: 63) + String(text.count % 10),
                          effectiveFrom: Fixture.date(date), context: Fixture.context())
    }

    @Test("the versions in force are read when the transaction opens: one activated inside it is seen by the next session")
    func versionsReadOnce() throws {
        let database = try Fixture.city()
        _ = try database.write { db in try Self.activate(db, "return 1", from: "2012-01-01") }
        let seen: (String?, String?) = try database.write(.commit) { session in
            let before = session.rules.version("subsidy", on: Fixture.today)?.text
            try Self.activate(session.connection, "return 22", from: "2012-03-01")
            return (before, session.rules.version("subsidy", on: Fixture.today)?.text)
        }
        #expect(seen.0 == "return 1" && seen.1 == "return 1")
        let next = try database.read(scope: .everything) { session in session.rules.version("subsidy", on: Fixture.today)?.text }
        #expect(next == "return 22")
    }

    @Test("in force on a date: the latest to take effect by then, the last registered on a tie, none before the first")
    func inForce() throws {
        let database = try Fixture.city()
        try database.write { db in
            try Self.activate(db, "return 1", from: "2012-01-01")
            try Self.activate(db, "return 22", from: "2012-07-01")
            try Self.activate(db, "return 333", from: "2012-07-01")
        }
        try database.read(scope: .everything) { session in
            #expect(session.rules.version("subsidy", on: Fixture.date("2011-12-31")) == nil)
            #expect(session.rules.version("subsidy", on: Fixture.date("2012-06-30"))?.text == "return 1")
            #expect(session.rules.version("subsidy", on: Fixture.date("2012-07-01"))?.text == "return 333")
            #expect(session.rules.version("benefit", on: Fixture.date("2012-07-01")) == nil)
            let stored = try RuleService().version(session.connection, name: "subsidy", on: Fixture.date("2012-07-01"))
            #expect(stored?.text == "return 333")
        }
    }

    @Test("the hooks hear of the session, scoped, and of its end even when the body throws; a dry run leaves nothing")
    func hooksAndModes() throws {
        let database = try Fixture.city()
        let hooks = RecordingHooks()
        #expect(throws: ValidationError.self) {
            try database.write(.commit, scope: .unit("BH"), hooks: hooks) { session in
                try session.services.units.create(session.connection, UnitDraft(code: "LY009", name: "x", kind: .grassroots,
                                                                                parentCode: "LY"), context: Fixture.context())
            }
        }
        try database.write(.dryRun, hooks: hooks) { session in
            try session.services.units.create(session.connection, UnitDraft(code: "LY009", name: "x", kind: .grassroots,
                                                                            parentCode: "LY"), context: Fixture.context())
        }
        #expect(hooks.events == ["begin BH commit", "end", "begin * dryRun", "end"])
        #expect(try database.read { db in try UnitService().unit(db, code: "LY009") } == nil)
    }
}
