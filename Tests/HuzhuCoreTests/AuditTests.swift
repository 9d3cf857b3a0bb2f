import GRDB
import Testing
@testable import HuzhuCore

@Suite("Audit trail")
struct AuditTests {
    @Test("every write records operator, UTC time, action, table, key, summary and script hash")
    func recordsScriptWrites() throws {
        let database = try Fixture.city()
        let context = Fixture.context(operator: "zhang", script: "jobs/enroll.lua",
                                      hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        let last = try database.read { db in try AuditLog.lastID(db) }
        let policy = try database.write { db -> Policy in
            let member = try MemberService().register(db, MemberDraft(residentID: "340104198001011234", name: "张三",
                                                                      unitCode: "BH001", phone: "13812345678",
                                                                      joinedOn: Fixture.date("2010-01-01")), context: context)
            #expect(member.id != nil)
            return try EnrollmentService().enroll(db, EnrollmentRequest(residentID: "340104198001011234", planCode: "ACC"),
                                                  context: context)
        }
        let entries = try database.read { db in try AuditLog.entries(db, after: last) }
        #expect(entries.count == 4)   // the member, the policy, the day's bill, its contribution posted to the ledger
        let registration = try #require(entries.first)
        #expect(registration.operatorName == "zhang")
        #expect(registration.at == "2012-06-20T01:02:03.456Z")
        #expect(registration.action == "insert")
        #expect(registration.operation == "registerMember")
        #expect(registration.tableName == "member")
        #expect(registration.scriptName == "jobs/enroll.lua")
        #expect(registration.scriptSHA256 == "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        // no personal data: no resident ID, name or phone in the summary
        #expect(registration.summary == #"{"hardship":false,"joinedOn":"2010-01-01","status":"active","unit":"BH001"}"#)
        let enrollment = entries[1]
        #expect(enrollment.tableName == "policy")
        #expect(enrollment.rowKey == String(policy.id!))
        #expect(enrollment.summary == #"{"administration":0,"batch":null,"contribution":2600,"member":\#(policy.memberID),"memberShare":2600,"plan":"ACC","shares":1,"term":"2012","union":0}"#)
        #expect(try database.read { db in try AuditLog.changes(db, after: last) } == [
            TableChange(tableName: "bill", action: "insert", count: 1),
            TableChange(tableName: "ledgerEntry", action: "insert", count: 1),
            TableChange(tableName: "member", action: "insert", count: 1),
            TableChange(tableName: "policy", action: "insert", count: 1),
        ])
    }

    @Test("a clerk's write has no script; a refused write leaves no audit row")
    func clerkAndRefused() throws {
        let database = try Fixture.city()
        let before = try database.read { db in try AuditLog.lastID(db) }
        #expect(before == 17)  // the seeded city: 1 office, 6 units, 2 headcounts, 4 plans, 4 terms
        #expect(throws: ValidationError.self) {
            try database.write { db in
                try MemberService().register(db, MemberDraft(residentID: "340104198001011234", name: "", unitCode: "BH001"),
                                             context: Fixture.context())
            }
        }
        #expect(try database.read { db in try AuditLog.lastID(db) } == before)
        let seeded = try database.read { db in try AuditLog.entries(db).first! }
        #expect(seeded.scriptName == nil && seeded.scriptSHA256 == nil && seeded.operatorName == "seed")
    }

    @Test("timestamps are UTC ISO-8601 with milliseconds")
    func timestamps() {
        #expect(AuditLog.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(AuditLog.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(AuditLog.timestamp(Fixture.instant) == "2012-06-20T01:02:03.456Z")
    }

    @Test("summaries escape JSON properly")
    func json() {
        #expect(AuditValue.jsonObject(["b": "a\"b\\c\n", "a": 1, "c": true, "d": nil, "e": "\u{1}"]) ==
            #"{"a":1,"b":"a\"b\\c\n","c":true,"d":null,"e":"\u0001"}"#)
    }
}

import Foundation
