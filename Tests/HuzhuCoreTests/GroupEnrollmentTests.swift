import GRDB
import Testing
@testable import HuzhuCore

@Suite("Group enrollment: the plan's group rule over the whole batch, all or nothing")
struct GroupEnrollmentTests {
    let enrollment = EnrollmentService()
    let context = Fixture.context()

    /// Registers `count` members born 1980 in a unit.
    func addMembers(_ database: HuzhuDatabase, _ count: Int, unit: String, from sequence: Int = 200) throws {
        try database.write { db in
            for index in 0..<count {
                try Fixture.member(db, Fixture.residentID(birth: "19800101", sequence: sequence + index), unit: unit)
            }
        }
    }

    func snapshot(_ database: HuzhuDatabase) throws -> [Int] {
        try database.read { db in
            try ["policy", "enrollmentBatch", "audit"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")! }
        }
    }

    @Test("50% of the headcount passes: 5 of 10 enrolled")
    func passes() throws {
        let database = try Fixture.city()
        try addMembers(database, 5, unit: "BH001")
        let result = try database.write { db in
            try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: context)
        }
        #expect(result.policies.count == 5)
        #expect(result.batch.enrolled == 5)
        #expect(result.batch.employees == 10)
        #expect(result.policies.allSatisfy { $0.batchID == result.batch.id && $0.contribution == Money(fen: 2600) })
        #expect(try database.read { db in try enrollment.count(db, PolicyFilter(unit: "BH", planCode: "ACC", year: 2012)) } == 5)
    }

    @Test("under 50% fails and writes nothing")
    func failsMinimum() throws {
        let database = try Fixture.city()
        try addMembers(database, 4, unit: "BH001")
        let before = try snapshot(database)
        let error = validationError { try database.write { db in
            try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: context) } }
        #expect(error?.description ==
            "E511 unit BH001: 4 of 10 employees would be enrolled in ACC term 2012 (40%); the plan needs at least 50%")
        #expect(try snapshot(database) == before)
    }

    @Test("a small unit must enroll everyone")
    func smallUnit() throws {
        let database = try Fixture.city()
        try addMembers(database, 3, unit: "BH002")  // headcount 4, under the threshold of 5
        let before = try snapshot(database)
        let error = validationError { try database.write { db in
            try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH002", planCode: "ACC"), context: context) } }
        #expect(error?.description ==
            "E512 unit BH002: a unit of 4 employees (under 5) enrolls everyone in ACC term 2012; 3 would be enrolled")
        #expect(try snapshot(database) == before)
        try addMembers(database, 1, unit: "BH002", from: 300)
        let result = try database.write { db in
            try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH002", planCode: "ACC"), context: context)
        }
        #expect(result.policies.count == 4)
    }

    @Test("members already enrolled count; ineligible members are skipped with their reason")
    func countsAndSkips() throws {
        let database = try Fixture.city()
        try addMembers(database, 4, unit: "BH001")
        let old = Fixture.residentID(birth: "19500701", sequence: 11)
        try database.write { db in
            try Fixture.member(db, old)
            _ = try enrollment.enroll(db, EnrollmentRequest(residentID: Fixture.residentID(birth: "19800101", sequence: 200),
                                                            planCode: "ACC"), context: context)
        }
        try addMembers(database, 1, unit: "BH001", from: 400)
        let result = try database.write { db in
            try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: context)
        }
        #expect(result.batch.alreadyEnrolled == 1)
        #expect(result.batch.enrolled == 4)  // 1 + 4 = 5 of 10: exactly 50%
        #expect(result.skipped.map(\.description) ==
            ["E505 member 340104********0116: age 62 on 2012-07-01 is outside the plan's range 16–60"])
    }

    @Test("no headcount for the term's year: the rule cannot be checked")
    func noHeadcount() throws {
        let database = try Fixture.city()
        try addMembers(database, 2, unit: "LY001")
        let error = validationError { try database.write { db in
            try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "LY001", planCode: "ACC"), context: context) } }
        #expect(error?.description == "E513 unit LY001: no employee count for 2012")
    }

    @Test("a failed batch inside a larger transaction leaves the transaction's other writes")
    func savepoint() throws {
        let database = try Fixture.city()
        try addMembers(database, 4, unit: "BH001")
        let counts = try database.write { db -> (Int, Int) in
            _ = try enrollment.enroll(db, EnrollmentRequest(residentID: Fixture.residentID(birth: "19800101", sequence: 200),
                                                            planCode: "CIA"), context: context)
            #expect(throws: ValidationError.self) {
                try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: context)
            }
            return (try enrollment.count(db), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrollmentBatch")!)
        }
        #expect(counts == (1, 0))
    }
}
