import Foundation
import GRDB
import Testing
@testable import HuzhuCore

@Suite("Importing policies")
struct ImportPoliciesTests {
    /// The city with members: A (man, 32), B (woman, 27), C (man, 42),
    /// D (woman, retired), E (man, 72) in BH001.
    static let old = Fixture.residentID(birth: "19400101", sequence: 55)
    static let stranger = Fixture.residentID(birth: "19750101", sequence: 66)

    func bench() throws -> ImportBench {
        let bench = try ImportBench()
        try bench.database.write { db in
            for id in [IDs.a, IDs.b, IDs.c, IDs.d, Self.old] { try Fixture.member(db, id) }
            try MemberService().setStatus(db, residentID: IDs.d, .retired, on: Fixture.date("2012-01-01"),
                                          context: Fixture.context())
        }
        return bench
    }

    @Test("valid rows enroll in the named term or the term open on the business date")
    func enrolls() throws {
        let bench = try bench()
        let report = try bench.policies("""
            身份证号,计划,份数,期次
            \(IDs.a),ACC,2,
            \(IDs.b),FEM,1,2012
            \(IDs.c),CIA,1,
            """)
        #expect(report.summary == "imported 3 policies")
        let rows = try bench.database.read { db in
            try Row.fetchAll(db, sql: "SELECT planCode, shares, contribution, startDate, endDate FROM policy ORDER BY id")
        }
        #expect(rows.map { $0["planCode"] as String } == ["ACC", "FEM", "CIA"])
        #expect(rows[0]["contribution"] as Int64 == 5200)   // 26.00 yuan a share × 2
        #expect(rows[0]["startDate"] as String == "2012-07-01" && rows[0]["endDate"] as String == "2013-06-30")
        // Each policy audited by the service with its ledger posting (the day's bill issued with the first), then one
        // row for the import.
        let operations = try bench.database.read { db in try AuditLog.entries(db, after: 0).suffix(8).map(\.operation) }
        #expect(operations == ["enroll", "issueBill", "postContribution", "enroll", "postContribution", "enroll", "postContribution",
                               "importPolicies"])
    }

    @Test("every enrollment rejection of the service is listed at its line, and nothing is imported")
    func rejections() throws {
        let bench = try bench()
        let failure = importFailure {
            try bench.policies("""
                resident_id,plan,shares,term
                \(IDs.a),ACC,1,
                \(IDs.a),FEM,1,
                \(IDs.c),ACC,9,
                \(IDs.a),CIA,1,
                \(IDs.a),CIB,1,
                \(Self.stranger),ACC,1,
                \(IDs.b),NOPE,1,
                \(IDs.b),ACC,1,2099
                \(IDs.b),ACC,x,
                \(IDs.d),ACC,1,
                \(Self.old),ACC,1,
                \(IDs.a),ACC,1,
                \(IDs.b),ACC,,
                """)
        }
        #expect(failure?.report.errors.map(\.description) == [
            "policies.csv:3: plan FEM: plan FEM is for female members only",
            "policies.csv:4: shares 9: shares must be 1–4 (got 9)",
            "policies.csv:6: plan CIB: already holds plan CIA term 2012, which excludes CIB (group CI)",
            "policies.csv:7: resident_id \(ResidentID.mask(Self.stranger)): no such member",
            "policies.csv:8: plan NOPE: unknown plan NOPE",
            "policies.csv:9: term 2099: plan ACC has no term 2099",
            "policies.csv:10: shares x: invalid whole number \"x\"",
            "policies.csv:11: resident_id \(ResidentID.mask(IDs.d)): member is retired since 2012-01-01, not active",
            "policies.csv:12: plan ACC: age 72 on 2012-07-01 is outside the plan's range 16–60",
            "policies.csv:13: resident_id 340104********1234: duplicate resident_id, plan and term, first at line 2",
            "policies.csv:14: shares: a value is required",
            // Line 10 was invalid too, but it still holds the key (member, plan, no term).
            "policies.csv:14: resident_id \(ResidentID.mask(IDs.b)): duplicate resident_id, plan and term, first at line 10",
        ])
        #expect(failure?.report.errors.map(\.code.rawValue) == ["E506", "E502", "E504", "E305", "E419", "E424", "E805",
                                                               "E501", "E505", "E803", "E802", "E803"])
        #expect(try bench.count("policy") == 0)
    }

    @Test("skipping invalid rows enrolls the others and rejects an enrollment already held in the database")
    func skipInvalid() throws {
        let bench = try bench()
        _ = try bench.database.write { db in
            try EnrollmentService().enroll(db, EnrollmentRequest(residentID: IDs.a, planCode: "ACC"), context: Fixture.context())
        }
        let report = try bench.policies("""
            resident_id,plan,shares
            \(IDs.a),ACC,1
            \(IDs.b),ACC,1
            """, options: bench.options(skipInvalid: true))
        #expect(report.summary == "imported 1 policies; 1 rejected → rejects.csv")
        #expect(try bench.rejects() == """
            resident_id,plan,shares,reason\r
            \(IDs.a),ACC,1,plan ACC: already holds a policy in plan ACC term 2012 (overlap)\r

            """)
        #expect(try bench.count("policy") == 2)
    }
}
