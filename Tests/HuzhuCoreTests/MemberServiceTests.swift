import GRDB
import Testing
@testable import HuzhuCore

@Suite("Members")
struct MemberServiceTests {
    let members = MemberService()
    let context = Fixture.context()

    @Test("derives gender and birth date from the resident ID and normalises the phone")
    func registers() throws {
        let database = try Fixture.city()
        let member = try database.write { db in
            try members.register(db, MemberDraft(residentID: "11010519491231002x", name: "王芳", unitCode: "BH001",
                                                 phone: "138 1234 5678", hardship: true), context: context)
        }
        #expect(member.residentID.value == "11010519491231002X")
        #expect(member.gender == .female)
        #expect(member.birthDate.description == "1949-12-31")
        #expect(member.phone?.value == "13812345678")
        #expect(member.joinedOn == Fixture.today)  // defaults to the business date
        #expect(member.status == .active)
        let read = try database.read { db in try members.member(db, residentID: "11010519491231002x") }
        #expect(read == member)
    }

    @Test("collects every problem of one draft")
    func collectsFailures() throws {
        let database = try Fixture.city()
        let error = validationError {
            try database.write { db in
                try members.register(db, MemberDraft(residentID: "11010519491231002X", name: "", unitCode: "NOPE",
                                                     phone: "12345", joinedOn: Fixture.date("2013-01-01"),
                                                     gender: .male, birthDate: Fixture.date("1950-01-01")), context: context)
            }
        }
        #expect(error?.description == """
            E301 member 110105********002X: name must be 1–50 characters (got 0)
            E208 member 110105********002X: unknown unit NOPE
            E111 phone *****: invalid phone number (expected a mobile such as 13812345678 or a landline such as 0551-1234567)
            E303 member 110105********002X: gender male conflicts with the resident ID (female)
            E304 member 110105********002X: birth date 1950-01-01 conflicts with the resident ID (1949-12-31)
            E309 member 110105********002X: 2013-01-01 is after today (2012-06-20)
            """)
    }

    @Test("refuses a bad resident ID, a duplicate, and a join before birth")
    func refusesIdentity() throws {
        let database = try Fixture.city()
        let bad = validationError { try database.write { db in
            try members.register(db, MemberDraft(residentID: "340104198013011231", name: "李四", unitCode: "BH001"),
                                 context: context) } }
        #expect(bad?.text(unmasked: true) == "E104 residentID 340104198013011231: invalid birth date (1980-13-01)")
        _ = try database.write { db in try Fixture.member(db, "340104198001011234") }
        let duplicate = validationError { try database.write { db in
            try Fixture.member(db, "340104198001011234", joinedOn: "1979-01-01") } }
        #expect(duplicate?.description == """
            E302 member 340104********1234: already registered
            E310 member 340104********1234: join date 1979-01-01 is before the birth date 1980-01-01
            """)
    }

    @Test("records status dates and refuses impossible ones")
    func statuses() throws {
        let database = try Fixture.city()
        let id = try database.write { db in try Fixture.member(db, "340104198001011234") }
        let retired = try database.write { db in
            try members.setStatus(db, residentID: id, .retired, on: Fixture.date("2012-05-01"), context: context)
        }
        #expect(retired.status == .retired)
        #expect(retired.retiredOn?.description == "2012-05-01")
        let error = validationError { try database.write { db in
            try members.setStatus(db, residentID: id, .left, on: Fixture.date("2009-01-01"), context: context) } }
        #expect(error?.description == """
            E308 member 340104********1234: 2009-01-01 is before the join date 2010-01-01
            E314 member 340104********1234: 2009-01-01 is before the member's last recorded change (retired on 2012-05-01)
            """)
        let unknown = validationError { try database.write { db in
            try members.setStatus(db, residentID: "34052419800101001X", .left, context: context) } }
        #expect(unknown?.description == "E305 member 340524********001X: no such member")
    }

    @Test("streams and counts by unit subtree, status and hardship")
    func filters() throws {
        let database = try Fixture.city()
        try database.write { db in
            for (index, unit) in ["BH001", "BH001", "BH002", "LY001"].enumerated() {
                let id = Fixture.residentID(birth: "19800101", sequence: 100 + index)
                try members.register(db, MemberDraft(residentID: id, name: "会员\(index)", unitCode: unit,
                                                     hardship: index == 2, joinedOn: Fixture.date("2010-01-01")),
                                     context: context)
            }
            try members.setStatus(db, residentID: Fixture.residentID(birth: "19800101", sequence: 100), .retired,
                                  context: context)
        }
        try database.read { db in
            #expect(try members.count(db) == 4)
            #expect(try members.count(db, MemberFilter(unit: "BH")) == 3)
            #expect(try members.count(db, MemberFilter(unit: "BH", status: .active)) == 2)
            #expect(try members.count(db, MemberFilter(unit: "FED", hardship: true)) == 1)
            #expect(try Array(members.members(db, MemberFilter(unit: "LY"))).map(\.name) == ["会员3"])
            let error = validationError { _ = try members.count(db, MemberFilter(unit: "NOPE")) }
            #expect(error?.description == "E208 unit NOPE: unknown unit NOPE")
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM member WHERE unitCode IN (SELECT code FROM unit WHERE path >= '/FED/BH/' AND path < '/FED/BH0') AND status = 'active'")
                .map { $0["detail"] as String }.joined(separator: "\n")
            #expect(plan.contains("member_on_unitCode_status_hardship"))
        }
    }
}
