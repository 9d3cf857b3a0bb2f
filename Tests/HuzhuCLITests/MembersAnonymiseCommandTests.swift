import Foundation
import GRDB
import HuzhuTestSupport
import Testing

/// `huzhu members anonymise` and `huzhu.members.anonymise` on the appraisal city:
/// 钱五 (LY001, not enrolled) left on 2026-09-01, 张三 (BH001, enrolled in ACC) died on 2026-09-15.
@Suite("huzhu members anonymise")
struct MembersAnonymiseCommandTests {
    static let reports: [[String]] = [
        ["annual-summary"], ["participation"], ["target-progress", "--", "2026-09-30"],
        ["appraisal", "--", "district", "YEAR", "2026"],
    ]

    func city() throws -> TinyWorkspace {
        let ws = try TinyWorkspace.appraisalCity()
        try ws.write("leave.lua", """
            huzhu.members.leave('\(TinyCity.qian)', {reason = 'left', date = '2026-09-01'})
            huzhu.members.leave('\(TinyCity.zhang)', {reason = 'deceased', date = '2026-09-15'})
            """)
        let left = try CLI.run(["run", "leave.lua"], in: ws.url)
        #expect(left.status == 0, "\(left.stderr)")
        #expect(try CLI.run(["appraise", "--level", "district", "--period", "YEAR", "--year", "2026", "--confirm"], in: ws.url).status == 0)
        return ws
    }

    func reports(_ ws: TinyWorkspace) throws -> [String] {
        try Self.reports.map { arguments in
            let result = try CLI.run(["report"] + arguments, in: ws.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
    }

    func names(_ ws: TinyWorkspace) throws -> [String] {
        try DatabaseQueue(path: ws.databasePath).read { db in try String.fetchAll(db, sql: "SELECT name FROM member ORDER BY id") }
    }

    @Test("a dry run counts; a scoped run touches its subtree; the full run leaves every stock report's figures as they were")
    func anonymise() throws {
        let ws = try city()
        let before = try reports(ws)
        let names = try self.names(ws)
        let dry = try CLI.run(["members", "anonymise", "--left-before", "2026-10-01", "--dry-run"], in: ws.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
            would anonymise 2 members who left before 2026-10-01; 0 with open claims and 0 anonymised before left as they are
            dry run: nothing was written

            """)
        #expect(try self.names(ws) == names)

        let scoped = try CLI.run(["members", "anonymise", "--left-before", "2026-10-01", "--unit", "LY"], in: ws.url)
        #expect(scoped.stdout == "anonymised 1 members who left before 2026-10-01; 0 with open claims and 0 anonymised before left as they are\n")
        #expect(try self.names(ws).filter { $0.hasPrefix("已匿名-") }.count == 1)
        #expect(try self.names(ws).contains("张三"))

        let full = try CLI.run(["members", "anonymise", "--left-before", "2026-10-01"], in: ws.url)
        #expect(full.stdout == "anonymised 1 members who left before 2026-10-01; 0 with open claims and 1 anonymised before left as they are\n")
        let after = try self.names(ws)
        #expect(!after.contains("张三") && !after.contains("钱五"))
        #expect(try reports(ws) == before)
        #expect(try CLI.run(["doctor"], in: ws.url).status == 0)

        try ws.write("again.lua", """
            local r = huzhu.members.anonymise{left_before = '2026-10-01'}
            print(r.anonymised, r.open_claims, r.already_anonymised, r.left_before, r.dry_run)
            """)
        let lua = try CLI.run(["run", "again.lua"], in: ws.url)
        #expect(lua.stdout == "0\t0\t2\t2026-10-01\tfalse\n", "\(lua.stderr)")
        let audit = try DatabaseQueue(path: ws.databasePath).read { db in
            try String.fetchAll(db, sql: "SELECT summary FROM audit WHERE operation = 'anonymiseMembers' ORDER BY id")
        }
        #expect(audit == [
            #"{"alreadyAnonymised":0,"count":1,"leftBefore":"2026-10-01","openClaims":0,"scope":"LY"}"#,
            #"{"alreadyAnonymised":1,"count":1,"leftBefore":"2026-10-01","openClaims":0,"scope":"all"}"#,
        ])
        let bad = try CLI.run(["members", "anonymise", "--left-before", "01/10/2026"], in: ws.url)
        #expect(bad.status == 1)
    }
}
