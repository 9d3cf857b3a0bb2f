import GRDB
import Testing
@testable import HuzhuCore

@Suite("Scope: outside the subtree is invisible to reads and refused to writes")
struct ScopeTests {
    let context = Fixture.context()
    let bhMember = "340104198001011234"
    let lyMember = "340104199006150027"

    func city() throws -> HuzhuDatabase {
        let database = try Fixture.city()
        try database.write { db in
            try Fixture.member(db, bhMember, unit: "BH001")
            try Fixture.member(db, lyMember, unit: "LY001")
            _ = try EnrollmentService().enroll(db, EnrollmentRequest(residentID: bhMember, planCode: "ACC"), context: context)
            _ = try EnrollmentService().enroll(db, EnrollmentRequest(residentID: lyMember, planCode: "ACC"), context: context)
        }
        return database
    }

    @Test("reads see only the scope's subtree")
    func reads() throws {
        let database = try city()
        let services = Services(scope: .unit("BH"))
        try database.read { (db: Database) throws -> Void in
            #expect(try services.members.count(db) == 1)
            #expect(try services.members.member(db, residentID: lyMember) == nil)
            #expect(try services.members.member(db, residentID: bhMember) != nil)
            #expect(try services.units.unit(db, code: "LY001") == nil)
            #expect(try Array(services.units.units(db, UnitFilter(under: "FED"))).map(\.code) == ["BH", "BH001", "BH002"])
            #expect(try services.enrollment.count(db) == 1)
            #expect(try Array(services.enrollment.policies(db)).map(\.residentID.value) == [bhMember])
            #expect(try services.units.headcount(db, unitCode: "LY001", year: 2012) == nil)
            let error = validationError { try services.members.count(db, MemberFilter(unit: "LY")) }
            #expect(error?.description == "E250 unit LY: unit LY is outside the scope BH")
        }
        // the unscoped services see everything
        #expect(try database.read { db in try Services().members.count(db) } == 2)
    }

    @Test("writes outside the subtree are refused")
    func writes() throws {
        let database = try city()
        let services = Services(scope: .unit("BH"))
        func refusal<T>(_ body: (Database) throws -> T) -> String? {
            validationError { try database.write(body) }?.description
        }
        #expect(refusal { db in
            try services.members.register(db, MemberDraft(residentID: "34052419800101001X", name: "赵六", unitCode: "LY001"),
                                          context: context)
        } == "E250 member 340524********001X: unit LY001 is outside the scope BH")
        #expect(refusal { db in
            try services.enrollment.enroll(db, EnrollmentRequest(residentID: lyMember, planCode: "CIA"), context: context)
        } == "E250 member 340104********0027: unit LY001 is outside the scope BH")
        #expect(refusal { db in
            try services.units.create(db, UnitDraft(code: "LY002", name: "x", kind: .grassroots, parentCode: "LY"), context: context)
        } == "E250 unit LY002: unit LY is outside the scope BH")
        #expect(refusal { db in
            try services.units.move(db, code: "BH001", toParent: "LY", context: context)
        } == "E250 unit BH001: unit LY is outside the scope BH")
        #expect(refusal { db in
            try services.enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "LY001", planCode: "ACC"), context: context)
        } == "E250 unit LY001: unit LY001 is outside the scope BH")
        #expect(refusal { db in
            try services.members.update(db, residentID: bhMember, MemberChanges(unitCode: "LY001"), context: context)
        } == "E250 member 340104********1234: unit LY001 is outside the scope BH")
        let lyPolicy = try database.read { db in
            try EnrollmentService().policies(db, PolicyFilter(residentID: lyMember)).next()!.policy.id!
        }
        #expect(refusal { db in try services.enrollment.cancel(db, policyID: lyPolicy, reason: "test", context: context) }
            == "E250 policy \(lyPolicy): unit LY001 is outside the scope BH")
        // inside the scope, writes work
        let moved = try database.write { db in
            try services.members.update(db, residentID: bhMember, MemberChanges(unitCode: "BH002"), context: context)
        }
        #expect(moved.unitCode == "BH002")
    }
}
