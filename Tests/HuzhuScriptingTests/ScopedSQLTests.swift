import Foundation
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

/// `huzhu.sql` under a scope must not reach a row outside the subtree,
/// whatever shape the query takes.
///
/// The city: 包河区 (BH) has 3 members, 庐阳区 (LY) 2. Before each shape,
/// 赵四 (LY) and 王一 (BH) hold an ACC policy and each reported an accident,
/// so every table has rows on both sides of the scope.
@Suite("huzhu.sql in a scoped run")
struct ScopedSQLTests {
    static func fixture() throws -> ScriptFixture {
        let f = try ScriptFixture()
        for resident in [TinyCity.zhao, TinyCity.wang] {
            try f.run("""
                local p = huzhu.enroll{member = '\(resident)', plan = 'ACC'}
                huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30',
                    admission = '2026-09-30', discharge = '2026-09-30', total = 100000, insurance_paid = 60000}
                """)
        }
        return f
    }

    /// The number a query returns in its `n` column under the BH scope, or nil when it was refused.
    static func scopedCount(_ f: ScriptFixture, _ query: String) throws -> Int64?? {
        do {
            let results = try f.run("return huzhu.sql([==[\(query)]==])[1].n", scope: .unit("BH"))
            guard case .integer(let n) = results.first else { return .some(nil) }
            return .some(n)
        } catch let error as LuaError {
            #expect(error.message.hasPrefix("test.lua:1: huzhu.sql: "), "\(query): \(error.message)")
            return .none
        }
    }

    /// Shapes that name a real member table; under BH each may count at most BH's 3 members.
    static let memberShapes = [
        "WITH member AS (SELECT * FROM main.member) SELECT COUNT(*) AS n FROM member",
        "WITH member AS (SELECT * FROM main.member) SELECT COUNT(*) AS n FROM member WHERE unitCode LIKE 'LY%' OR 1",
        "WITH \"member\" AS (SELECT * FROM \"main\".\"member\") SELECT COUNT(*) AS n FROM member",
        "WITH MEMBER AS (SELECT * FROM MAIN.MEMBER) SELECT COUNT(*) AS n FROM Member",
        "WITH m AS (SELECT * FROM main.member) SELECT COUNT(*) AS n FROM m",
        "WITH unit AS (SELECT * FROM main.member) SELECT COUNT(*) AS n FROM unit",
        "WITH RECURSIVE member AS (SELECT * FROM main.member UNION SELECT * FROM member) SELECT COUNT(*) AS n FROM member",
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 3) SELECT (SELECT COUNT(*) FROM main.member) AS n FROM r LIMIT 1",
        "SELECT COUNT(*) AS n FROM (SELECT * FROM main.member)",
        "SELECT COUNT(*) AS n FROM (SELECT * FROM main.member) AS member",
        "SELECT COUNT(*) AS n FROM main.member",
        "SELECT COUNT(*) AS n FROM MAIN.Member",
        "SELECT COUNT(*) AS n FROM temp.member",
        "SELECT COUNT(*) AS n FROM member",
        "SELECT (SELECT COUNT(*) FROM main.member) AS n",
        "SELECT COUNT(DISTINCT main.member.id) AS n FROM unit, main.member",
        "SELECT COUNT(*) AS n FROM member WHERE id IN (SELECT id FROM main.member) OR id NOT IN (SELECT id FROM main.member)",
        "SELECT COUNT(*) AS n FROM json_each((SELECT json_group_array(id) FROM main.member))",
        "WITH member AS MATERIALIZED (SELECT * FROM main.member) SELECT COUNT(*) AS n FROM member",
        "WITH member AS NOT MATERIALIZED (SELECT * FROM main.member) SELECT COUNT(*) AS n FROM member",
    ]

    @Test("no query shape counts a member outside the subtree", arguments: memberShapes)
    func shape(query: String) throws {
        let f = try Self.fixture()
        if case .some(let n) = try Self.scopedCount(f, query) {
            #expect(n == nil || n! <= 3, "\(query) counted \(n.map(String.init) ?? "?") members")
        }
    }

    @Test("CTEs named like the scoped tables, joined, show no other district's member")
    func cteJoin() throws {
        let f = try Self.fixture()
        let query = """
            WITH member AS (SELECT * FROM main.member), policy AS (SELECT * FROM main.policy)
            SELECT member.residentID AS id, member.unitCode AS unit FROM member JOIN policy ON policy.memberID = member.id
            """
        do {
            let results = try f.run("""
                local out = {}
                for _, r in ipairs(huzhu.sql([==[\(query)]==])) do out[#out + 1] = r.unit end
                table.sort(out)
                return table.concat(out, ',')
                """, scope: .unit("BH"))
            #expect(results == ["BH001"])
        } catch let error as LuaError {
            #expect(error.message.hasPrefix("test.lua:3: huzhu.sql: "))
        }
    }

    /// Every table with rows of both districts, and its BH-only count.
    static let tableCounts: [(table: String, bh: Int64)] = [
        ("unit", 2), ("member", 3), ("policy", 1), ("unitHeadcount", 1), ("claim", 1), ("claimEvent", 1),
        ("ledgerEntry", 1), ("ledgerLine", 2),   // 王一's contribution: the fund's cash and the member's part
    ]

    @Test("every real table, through a CTE of its own name or read without a column, counts exactly the subtree's rows")
    func everyTable() throws {
        let f = try Self.fixture()
        for (table, bh) in Self.tableCounts {
            for query in ["WITH \(table) AS (SELECT * FROM main.\(table)) SELECT COUNT(*) AS n FROM \(table)",
                          "SELECT COUNT(*) AS n FROM \(table)", "SELECT COUNT(1) AS n FROM \(table)",
                          "SELECT SUM(1) AS n FROM (SELECT rowid FROM \(table))",
                          "SELECT EXISTS(SELECT 1 FROM \(table)) * \(bh) AS n",
                          "SELECT (SELECT 1 FROM \(table) LIMIT 1) * \(bh) AS n"] {
                if case .some(let n) = try Self.scopedCount(f, query) {
                    #expect(n == bh, "\(query)")
                }
            }
        }
    }

    @Test("tables that are not scoped are refused, even when no column is read")
    func unscopedTablesRefused() throws {
        let f = try Self.fixture()
        for table in ["audit", "decision", "ruleVersion", "jobRun"] {
            for query in ["SELECT COUNT(*) AS n FROM \(table)", "SELECT COUNT(*) AS n FROM main.\(table)",
                          "WITH \(table) AS (SELECT * FROM main.\(table)) SELECT COUNT(*) AS n FROM \(table)"] {
                let error = try f.failure("return huzhu.sql([==[\(query)]==])[1].n", scope: .unit("BH"))
                #expect(error?.message.hasPrefix("test.lua:1: huzhu.sql: ") == true, "\(query): \(error?.message ?? "no error")")
            }
        }
    }

    @Test("the same shapes unscoped still see the whole federation")
    func unscopedSeesAll() throws {
        let f = try Self.fixture()
        let results = try f.run("""
            return huzhu.sql([[WITH member AS (SELECT * FROM main.member) SELECT COUNT(*) AS n FROM member]])[1].n,
                   huzhu.sql([[SELECT COUNT(*) AS n FROM claim]])[1].n
            """)
        #expect(results == [5, 2])
    }
}

@Suite("The scoped copy behind huzhu.sql")
struct ScopedCopyFreshnessTests {
    @Test("a scoped connection sees what other connections commit after its copy was made")
    func refreshed() throws {
        let f = try ScopedSQLTests.fixture()
        let sql = try ReadOnlySQL(path: f.path, scopePath: "/FED/BH/")
        #expect(try sql.query("SELECT COUNT(*) AS n FROM policy").rows == [[.integer(1)]])   // 王一's
        try f.run("huzhu.enroll{member = '\(TinyCity.li)', plan = 'ACC'}")                 // 李二, BH
        try f.run("huzhu.enroll{member = '\(TinyCity.qian)', plan = 'ACC'}")               // 钱五, LY: not in the copy
        #expect(try sql.query("SELECT COUNT(*) AS n FROM policy").rows == [[.integer(2)]])
        #expect(try sql.query("SELECT COUNT(*) AS n FROM main.policy WHERE unitCode LIKE 'LY%'").rows == [[.integer(0)]])
    }

    @Test("a scope path that is not a unit path is refused")
    func badScopePath() throws {
        let f = try ScopedSQLTests.fixture()
        let error = #expect(throws: ReadOnlySQL.QueryError.self) {
            try ReadOnlySQL(path: f.path, scopePath: "/FED/BH' OR 1 --/")
        }
        #expect(error?.message == "invalid scope path /FED/BH' OR 1 --/")
    }
}

@Suite("huzhu.sql's dangerous corners")
struct SQLHardeningTests {
    @Test("fts3_tokenizer cannot register a pointer or leak an address, scoped or not")
    func fts3Tokenizer() throws {
        let f = try ScopedSQLTests.fixture()
        for scope in [Scope.everything, .unit("BH")] {
            for query in ["SELECT hex(fts3_tokenizer('simple', CAST(x'4141414141414141' AS BLOB))) AS n",
                          "SELECT hex(fts3_tokenizer('porter')) AS n"] {
                let error = try f.failure("return huzhu.sql([==[\(query)]==])[1].n", scope: scope)
                #expect(error?.message.hasPrefix("test.lua:1: huzhu.sql: ") == true, "\(scope) \(query): \(error?.message ?? "no error")")
            }
        }
    }

    @Test("only allow-listed functions: everyday ones work, others are refused by name, scoped or not")
    func functionAllowList() throws {
        let f = try ScopedSQLTests.fixture()
        for scope in [Scope.everything, .unit("BH")] {
            let results = try f.run("""
                local r = huzhu.sql([[SELECT upper('a') || lower('B') || substr('xyz', 2) AS s, json_extract('{"a":1}', '$.a') AS j,
                    printf('%05.1f', 2.5) AS p, date('2026-01-31', '+1 day') AS d, round(2.345, 2) AS r,
                    coalesce(NULL, 7) AS c, ('{"a":2}' ->> '$.a') AS k,
                    (SELECT group_concat(x, ',') FROM (SELECT 1 AS x UNION ALL SELECT 2)) AS g,
                    (SELECT MAX(n) FROM (SELECT row_number() OVER () AS n FROM json_each('[5,6]'))) AS w]])[1]
                return r.s, r.j, r.p, r.d, r.r, r.c, r.k, r.g, r.w
                """, scope: scope)
            #expect(results == ["Abyz", 1, "002.5", "2026-02-01", 2.35, 7, 2, "1,2", 2], "\(scope)")
            for (query, function) in [("SELECT length(zeroblob(1000000000)) AS n", "zeroblob"),
                                      ("SELECT length(randomblob(1000000000)) AS n", "randomblob"),
                                      ("SELECT sqlite_compileoption_get(0) AS n", "sqlite_compileoption_get"),
                                      ("SELECT load_extension('/tmp/x') AS n", "load_extension")] {
                let error = try f.failure("return huzhu.sql([==[\(query)]==])[1].n", scope: scope)
                #expect(error?.message == "test.lua:1: huzhu.sql: function \(function) is not allowed in huzhu.sql "
                        + "(the functions allowed are listed in docs/security.md)", "\(scope) \(query)")
            }
        }
    }

    @Test("table-valued functions work in a scoped run as in an unscoped one")
    func tableValuedFunctions() throws {
        let f = try ScopedSQLTests.fixture()
        for scope in [Scope.everything, .unit("BH")] {
            let results = try f.run("""
                return huzhu.sql([[SELECT COUNT(*) AS n FROM json_each('[1,2,3]')]])[1].n,
                       huzhu.sql([[SELECT COUNT(*) AS n FROM pragma_table_info('member') WHERE name = 'residentID']])[1].n
                """, scope: scope)
            #expect(results == [3, 1], "\(scope)")
        }
    }
}
