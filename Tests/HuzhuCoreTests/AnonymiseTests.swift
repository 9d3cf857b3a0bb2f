import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// `MemberService.anonymise`: members who left before a day lose name,
/// resident ID and phone; everything else, and every figure, stays.
@Suite("Anonymising members who left")
struct AnonymiseTests {
    /// The claims city on 2012-10-01: the man has an open (under review)
    /// claim; all three members left or died on 2012-09-20; the woman has a phone.
    func city() throws -> ClaimCity {
        let city = try ClaimCity()
        _ = try city.underReview(city.inpatient())
        try city.database.write { db in
            try MemberService().update(db, residentID: city.woman, MemberChanges(phone: .some("13912345678")),
                                       on: Fixture.date("2012-09-01"), context: city.on("2012-09-01"))
            for (id, status) in [(city.man, MemberStatus.left), (city.woman, .left), (city.other, .deceased)] {
                try MemberService().leave(db, residentID: id, status, on: Fixture.date("2012-09-20"), context: city.on("2012-09-20"))
            }
        }
        return city
    }

    func member(_ city: ClaimCity, id: Int64) throws -> Member {
        try city.database.read { db in try MemberStore.member(db, id: id)! }
    }

    func ids(_ city: ClaimCity) throws -> (man: Int64, woman: Int64, other: Int64) {
        try city.database.read { db in
            (try MemberStore.member(db, residentID: city.man)!.id!, try MemberStore.member(db, residentID: city.woman)!.id!,
             try MemberStore.member(db, residentID: city.other)!.id!)
        }
    }

    @Test("a pseudonym keeps birth date and gender digit, has an area code no province has, and a right check character")
    func pseudonym() throws {
        let real = try ResidentID("340104198001011234", today: Fixture.today)
        let pseudonym = try #require(ResidentID.pseudonym(memberID: 123, of: real))
        #expect(pseudonym.value == "000001198001012330")
        #expect(pseudonym.birthDate == real.birthDate)
        #expect(pseudonym.gender == real.gender)
        #expect(pseudonym.isPseudonym && !real.isPseudonym)
        #expect(throws: ValidationFailure.self) { try ResidentID(pseudonym.value, today: Fixture.today) }
        #expect(ResidentID.pseudonym(memberID: 10_000_000, of: real) == nil)
        #expect(MemberService.pseudonymName(memberID: 123) == "已匿名-000123")
    }

    @Test("left members with closed claims are anonymised, one with an open claim is not; ages, genders, units, policies, claims and the ledger stay")
    func anonymises() throws {
        let city = try city()
        let (man, woman, other) = try ids(city)
        let before = try city.database.read { db in
            (try LedgerService().balances(db), try LedgerService().check(db), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy")!,
             try String.fetchAll(db, sql: "SELECT gender || birthDate || unitCode || status || leftOn FROM member ORDER BY id"))
        }
        let womanBefore = try member(city, id: woman)
        let result = try city.database.write { db in
            try MemberService().anonymise(db, leftBefore: Fixture.date("2012-10-01"), context: city.on("2012-10-01"))
        }
        #expect(result == Anonymisation(leftBefore: Fixture.date("2012-10-01"), anonymised: 2, openClaims: 1, alreadyAnonymised: 0))
        let changed = try member(city, id: woman)
        #expect(changed.name == MemberService.pseudonymName(memberID: woman))
        #expect(changed.residentID == ResidentID.pseudonym(memberID: woman, of: womanBefore.residentID))
        #expect(changed.phone == nil)
        #expect(changed.gender == .female && changed.birthDate == Fixture.date("1990-06-15"))
        #expect(changed.residentID.gender == .female && changed.residentID.birthDate == Fixture.date("1990-06-15"))
        #expect(changed.age(on: Fixture.date("2012-10-01")) == womanBefore.age(on: Fixture.date("2012-10-01")))
        #expect(try member(city, id: other).name == MemberService.pseudonymName(memberID: other))
        let untouched = try member(city, id: man)
        #expect(untouched.name == "张三" && untouched.residentID.value == city.man)
        let after = try city.database.read { db in
            (try LedgerService().balances(db), try LedgerService().check(db), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM policy")!,
             try String.fetchAll(db, sql: "SELECT gender || birthDate || unitCode || status || leftOn FROM member ORDER BY id"))
        }
        #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2 && after.3 == before.3)
        // One audit row, with the date and the counts only.
        let audit = try city.database.read { db in try AuditLog.entries(db) }
        let rows = audit.filter { $0.operation == "anonymiseMembers" }
        #expect(rows.count == 1)
        #expect(rows.first?.rowKey == "leftBefore:2012-10-01")
        #expect(rows.first?.summary == #"{"alreadyAnonymised":0,"count":2,"leftBefore":"2012-10-01","openClaims":1,"scope":"all"}"#)
        // No audit row, old or new, names anyone.
        for text in [city.woman, city.other, city.man, "李四", "王五", "张三", "13912345678"] {
            #expect(!audit.contains { $0.summary.contains(text) || $0.rowKey.contains(text) }, "\(text)")
        }
        // The history says which fields went, not what they were.
        let history = try city.database.read { db in try MemberService().history(db, residentID: changed.residentID.value) }
        #expect(history.last?.changed == ["name", "residentID", "phone"])
    }

    @Test("anonymising again changes nothing and writes no audit row (idempotent)")
    func idempotent() throws {
        let city = try city()
        let date = Fixture.date("2012-10-01")
        try city.database.write { db in _ = try MemberService().anonymise(db, leftBefore: date, context: city.on("2012-10-01")) }
        let snapshot = try city.database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM member ORDER BY id") }
        let audits = try city.database.read { db in try AuditLog.lastID(db) }
        let again = try city.database.write { db in try MemberService().anonymise(db, leftBefore: date, context: city.on("2012-10-02")) }
        #expect(again == Anonymisation(leftBefore: date, anonymised: 0, openClaims: 1, alreadyAnonymised: 2))
        #expect(try city.database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM member ORDER BY id") } == snapshot)
        #expect(try city.database.read { db in try AuditLog.lastID(db) } == audits)
    }

    @Test("a dry run counts and changes nothing; only members who left before the day count")
    func dryRunAndDate() throws {
        let city = try city()
        let snapshot = try city.database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM member ORDER BY id") }
        let audits = try city.database.read { db in try AuditLog.lastID(db) }
        let dry = try city.database.write { db in
            try MemberService().anonymise(db, leftBefore: Fixture.date("2012-10-01"), dryRun: true, context: city.on("2012-10-01"))
        }
        #expect(dry.anonymised == 2)
        let early = try city.database.write { db in
            try MemberService().anonymise(db, leftBefore: Fixture.date("2012-09-20"), context: city.on("2012-10-01"))
        }
        #expect(early == Anonymisation(leftBefore: Fixture.date("2012-09-20")))
        #expect(try city.database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM member ORDER BY id") } == snapshot)
        #expect(try city.database.read { db in try AuditLog.lastID(db) } == audits)
    }

    @Test("a run scoped to BH anonymises BH's members only")
    func scoped() throws {
        let city = try city()
        let (_, woman, other) = try ids(city)
        let result = try city.database.write(.commit, scope: .unit("BH")) { session in
            try session.services.members.anonymise(session.connection, leftBefore: Fixture.date("2012-10-01"),
                                                   context: city.on("2012-10-01"))
        }
        #expect(result.anonymised == 1 && result.openClaims == 1)
        #expect(try member(city, id: woman).residentID.isPseudonym)
        #expect(try member(city, id: other).residentID.value == city.other)
        let row = try city.database.read { db in try AuditLog.entries(db).last! }
        #expect(row.summary.contains(#""scope":"BH""#))
    }
}
