import Foundation
import GRDB
import Testing
@testable import HuzhuCore

@Suite("Storage")
struct StorageTests {
    @Test("migrations are named for their intent and applied in order")
    func migrations() throws {
        let database = try HuzhuDatabase.inMemory()
        let applied = try database.read { db in try Schema.migrator.appliedIdentifiers(db) }
        let registered = Schema.migrator.migrations
        // Shipped migrations keep their names and order; later ones only append.
        #expect(Array(registered.prefix(9)) == ["createOffices", "createUnits", "createUnitHeadcounts", "createMembers", "createPlans",
                                                "createPlanTerms", "createEnrollmentBatches", "createPolicies", "createAudit"])
        #expect(Set(applied) == Set(registered))
        #expect(registered.allSatisfy { $0.hasPrefix("create") || $0.hasPrefix("add") }, "\(registered)")
        #expect(try database.isMigrated())
    }

    @Test("a file database is a WAL pool with foreign keys on, and reopens migrated")
    func fileDatabase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huzhu.db").path
        do {
            let database = try HuzhuDatabase(path: path)
            #expect(database.writer is DatabasePool)
            #expect(try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
            #expect(try database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
            _ = try database.write { db in
                try UnitService().createOffice(db, Office(code: "HQ", name: "市总保险办", kind: .office), context: Fixture.context())
            }
        }
        let reopened = try HuzhuDatabase(path: path)
        #expect(try reopened.read { db in try UnitService().office(db, code: "HQ")?.kind } == .office)
    }

    @Test("the schema itself refuses a split that does not add up and a dangling member")
    func constraints() throws {
        let database = try Fixture.city()
        _ = try database.write { db in try Fixture.member(db, "340104198001011234") }
        let policy = try database.write { db in
            try EnrollmentService().enroll(db, EnrollmentRequest(residentID: "340104198001011234", planCode: "ACC"),
                                           context: Fixture.context())
        }
        #expect(throws: DatabaseError.self) {
            try database.write { db in
                try db.execute(sql: "UPDATE policy SET splitMember = splitMember - 1 WHERE id = ?", arguments: [policy.id!])
            }
        }
        #expect(throws: DatabaseError.self) {
            try database.write { db in try db.execute(sql: "UPDATE policy SET memberID = 999 WHERE id = ?", arguments: [policy.id!]) }
        }
    }

    @Test("policy queries by member, term, unit subtree and year use indexes")
    func policyIndexes() throws {
        let database = try Fixture.city()
        func plan(_ sql: String) throws -> String {
            try database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "\n")
            }
        }
        #expect(try plan("SELECT * FROM policy WHERE memberID = 1").contains("policy_on_memberID_planTermID"))
        #expect(try plan("SELECT * FROM policy WHERE planTermID = 1").contains("USING INDEX"))
        #expect(try plan("SELECT * FROM policy WHERE year = 2012").contains("USING INDEX"))
        #expect(try plan("SELECT * FROM policy WHERE planCode = 'ACC' AND year = 2012").contains("policy_on_planCode_year"))
        #expect(try plan("""
            SELECT * FROM policy WHERE unitCode IN (SELECT code FROM unit WHERE path >= '/FED/BH/' AND path < '/FED/BH0')
              AND year = 2012
            """).contains("policy_on_unitCode_year"))
    }

    @Test("money, dates and identities round-trip through their columns")
    func values() throws {
        let database = try Fixture.city()
        _ = try database.write { db in try Fixture.member(db, "11010519491231002X") }
        let row = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT residentID, gender, birthDate, joinedOn, hardship FROM member")!
        }
        #expect(row["residentID"] as String == "11010519491231002X")
        #expect(row["gender"] as String == "female")
        #expect(row["birthDate"] as String == "1949-12-31")
        #expect(row["hardship"] as Int == 0)
        let plan = try database.read { db in try PlanService().plan(db, code: "FEM")! }
        #expect(plan.benefits == Fixture.femaleBenefits)
        #expect(plan.pricePerShare == Money(fen: 2500))
        #expect(try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT json_extract(rules, '$.pricePerShare') FROM planTerm WHERE planCode = 'FEM'")
        } == 2500)
    }
}
