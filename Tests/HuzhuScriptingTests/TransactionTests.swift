import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

@Suite("A script run is one transaction")
struct TransactionTests {
    @Test("enroll writes a policy; its audit row carries the operator and the script's SHA-256")
    func enrollAudited() throws {
        let f = try ScriptFixture()
        let source = "local p = huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'} return p.contribution, p.split.member, p.term"
        let outcome = try f.runner(operator: "李会计").run(source: source, name: "scripts/jobs/enroll.lua")
        #expect(outcome.results == [2600, 2600, "2026"])   // 26.00 yuan, the member pays all by default
        #expect(try f.count("policy") == 1)
        let audit = try f.database.read { db in
            try Row.fetchOne(db, sql: "SELECT operator, scriptName, scriptSHA256 FROM audit WHERE tableName = 'policy'")
        }
        let row = try #require(audit)
        #expect(row["operator"] as String? == "李会计")
        #expect(row["scriptName"] as String? == "scripts/jobs/enroll.lua")
        #expect(row["scriptSHA256"] as String? == ScriptRunner.sha256(source))
        #expect(ScriptRunner.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("a refused write is a Lua error with its code at the script's line, and nothing stays")
    func refusalRollsBack() throws {
        let f = try ScriptFixture()
        let error = try f.failure("""
            huzhu.enroll{member = '\(TinyCity.li)', plan = 'FEM'}
            huzhu.enroll{member = '\(TinyCity.wang)', plan = 'FEM'}
            """, name: "enroll.lua")
        let message = try #require(error?.message)
        #expect(message.hasPrefix("enroll.lua:2: E506"))
        #expect(message.contains("340104********0113") || message.contains("********"))
        #expect(try f.count("policy") == 0)
    }

    @Test("an error midway leaves nothing, even after many writes")
    func errorMidway() throws {
        let f = try ScriptFixture()
        let auditBefore = try f.count("audit")
        let error = try f.failure("""
            huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
            huzhu.enroll{member = '\(TinyCity.zhang)', plan = 'ACC'}
            error("stop here")
            """)
        #expect(error?.message == "test.lua:3: stop here")
        #expect(try f.count("policy") == 0)
        #expect(try f.count("audit") == auditBefore)
    }

    @Test("a limit hit midway leaves nothing")
    func limitMidway() throws {
        let f = try ScriptFixture()
        let error = try f.failure("""
            huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
            while true do end
            """, limits: LuaLimits(instructions: 100_000))
        #expect(error?.kind == .instructionLimit)
        #expect(try f.count("policy") == 0)
    }

    @Test("--dry-run reports the changes and leaves the database unchanged")
    func dryRun() throws {
        let f = try ScriptFixture()
        let outcome = try f.runner().run(source: "return huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled", name: "g.lua", dryRun: true)
        #expect(outcome.results == [3])
        #expect(outcome.committed == false)
        #expect(outcome.changes.map { "\($0.tableName) \($0.action) \($0.count)" }.sorted() == ["bill insert 1", "enrollmentBatch insert 1", "ledgerEntry insert 3", "policy insert 3"])
        #expect(try f.count("policy") == 0)
        #expect(try f.count("enrollmentBatch") == 0)
    }

    @Test("group enrollment follows the group rule, all or nothing")
    func groupEnrollment() throws {
        let f = try ScriptFixture()
        #expect(try f.run("return huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled") == [3])  // 3 of 4 employees ≥ 50%
        #expect(try f.count("policy") == 3)
        #expect(try f.run("return huzhu.policies.count{plan = 'ACC', year = 2026}, huzhu.policies.count{unit = 'LY'}") == [3, 0])
        // 10 employees: 2 members are below 50%, and nothing of the batch stays.
        _ = try f.database.write { db in
            try Services().units.setHeadcount(db, unitCode: "LY001", year: 2026, employees: 10, context: TinyCity.context())
        }
        let error = try f.failure("huzhu.enroll_unit{unit = 'LY001', plan = 'ACC'}")
        #expect(error?.message.hasPrefix("test.lua:1: E511") == true, "\(error?.message ?? "")")
        #expect(try f.run("return huzhu.policies.count{unit = 'LY'}") == [0])
    }

    @Test("huzhu.sql reads rows; a write is refused by SQLite itself")
    func sqlReadOnly() throws {
        let f = try ScriptFixture()
        #expect(try f.run("return huzhu.sql('SELECT code, name FROM unit WHERE kind = ? ORDER BY code', {'district'})")
            == [[["code": "BH", "name": "包河区"], ["code": "LY", "name": "庐阳区"]], ["code", "name"]])
        #expect(try f.failure("huzhu.sql('DELETE FROM member')")?.message == "test.lua:1: huzhu.sql: attempt to write a readonly database")
        #expect(try f.failure("huzhu.sql('UPDATE member SET name = ?', {'x'})")?.message == "test.lua:1: huzhu.sql: attempt to write a readonly database")
        #expect(try f.count("member") == 5)
    }
}

@Suite("A run scoped to a unit subtree")
struct ScopeTests {
    @Test("other districts' members, units and policies are invisible to reads, huzhu.sql included")
    func invisible() throws {
        let f = try ScriptFixture()
        try f.run("huzhu.enroll{member = '\(TinyCity.zhao)', plan = 'ACC'}")   // a policy in 庐阳区
        let results = try f.run("""
            local n = 0
            for m in huzhu.members.each() do n = n + 1 end
            return huzhu.members.count(), n, huzhu.members.get('\(TinyCity.zhao)'), huzhu.units.get('LY'),
                   huzhu.policies.count(), huzhu.sql('SELECT COUNT(*) AS n FROM member')[1].n,
                   huzhu.sql('SELECT COUNT(*) AS n FROM policy')[1].n, huzhu.sql('SELECT COUNT(*) AS n FROM unit')[1].n,
                   #huzhu.sql('SELECT * FROM plan')
            """, scope: .unit("BH"))
        #expect(results == [3, 3, .nil, .nil, 0, 3, 0, 2, 2])
    }

    @Test("the real tables cannot be reached around the scope: main. names the scoped copy; the rest is refused")
    func noWayAround() throws {
        let f = try ScriptFixture()
        #expect(try f.run("return #huzhu.sql([[SELECT * FROM main.member]]), #huzhu.sql([[SELECT * FROM (SELECT * FROM main.unit)]])",
                          scope: .unit("BH")) == [3, 2])
        let audit = try f.failure("huzhu.sql([[SELECT * FROM audit]])", scope: .unit("BH"))
        #expect(audit?.message == "test.lua:1: huzhu.sql: table audit is not available in a run scoped to BH (scoped runs read "
            + "appraisalResult, appraisalRun, claim, claimAdjustment, claimDocument, claimEvent, claimPayment, claimReview, enrollmentBatch, ledgerClosing, "
            + "ledgerEntry, ledgerLine, member, office, plan, planTerm, policy, reward, subsidyBudget, target, unit, unitHeadcount)")
        // The schema read is the copy's: its tables, none left out.
        let names = try f.run("local t = {} for _, r in ipairs(huzhu.sql([[SELECT name FROM sqlite_master WHERE type = 'table']])) do t[#t + 1] = r.name end return table.concat(t, ',')",
                              scope: .unit("BH"))
        #expect(names.first.map { "\($0)".contains("member") && !"\($0)".contains("audit") } == true, "\(names)")
        for statement in ["DROP TABLE member", "DELETE FROM member", "PRAGMA query_only = OFF", "CREATE TEMP VIEW v AS SELECT 1"] {
            let error = try f.failure("huzhu.sql([[\(statement)]])", scope: .unit("BH"))
            #expect(error?.message == "test.lua:1: huzhu.sql: not authorized"
                || error?.message == "test.lua:1: huzhu.sql: attempt to write a readonly database", "\(statement): \(error?.message ?? "")")
        }
        let attach = try f.failure("huzhu.sql([[ATTACH '\(f.path)' AS x]])", scope: .unit("BH"))
        #expect(attach?.message == "test.lua:1: huzhu.sql: not authorized")
        let attachUnscoped = try f.failure("huzhu.sql([[ATTACH '/tmp/x.db' AS x]])")
        #expect(attachUnscoped?.message == "test.lua:1: huzhu.sql: not authorized")
    }

    @Test("writes outside the scope are refused and nothing stays")
    func refused() throws {
        let f = try ScriptFixture()
        let error = try f.failure("""
            huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
            huzhu.enroll{member = '\(TinyCity.zhao)', plan = 'ACC'}
            """, scope: .unit("BH"))
        #expect(error?.message.hasPrefix("test.lua:2: E") == true)
        #expect(try f.count("policy") == 0)
        let group = try f.failure("huzhu.enroll_unit{unit = 'LY001', plan = 'ACC'}", scope: .unit("BH"))
        #expect(group?.message.hasPrefix("test.lua:1: E250") == true)
    }
}
