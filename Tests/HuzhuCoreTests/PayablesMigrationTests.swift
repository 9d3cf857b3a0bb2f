import Foundation
import GRDB
import Testing
@testable import HuzhuCore

@Suite("addClaimPayables: a workspace made before issue 16 gets its payables booked by new entries")
struct PayablesMigrationTests {
    @Test("an approved unpaid claim of an older workspace: an approval entry for its amount, ledger check clean")
    func approvedBeforeTheChange() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huzhu.db").path
        let man = "340104198001011234"
        // The schema as it stood, and a claim approved by the code of then (its status set directly).
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "createClaimAdjustments")
        let context = Fixture.context(operator: "seed", today: Fixture.date("2012-09-15"))
        let claimID: Int64 = try old.write { db in
            try UnitService().createOffice(db, Office(code: "HQ", name: "市总保险办", kind: .office), context: context)
            try UnitService().create(db, UnitDraft(code: "FED", name: "市总工会", kind: .federation, parentCode: nil, officeCode: "HQ"),
                                     context: context)
            try UnitService().create(db, UnitDraft(code: "BH001", name: "燃气集团工会", kind: .grassroots, parentCode: "FED"),
                                     context: context)
            let plan = try PlanService().create(db, Plan(code: "INP", name: "住院医疗", kind: .inpatient, pricePerShare: Money(fen: 3600),
                                                         deductible: Money(fen: 50_000), paymentRatio: 7000), context: context)
            try PlanService().addTerm(db, planCode: "INP", label: "2012", start: Fixture.date("2012-07-01"), years: 1,
                                      rules: plan.rules, context: context)
            try Fixture.member(db, man)
            let policy = try EnrollmentService(postsContributions: false)
                .enroll(db, EnrollmentRequest(residentID: man, planCode: "INP"),
                        context: Fixture.context(operator: "seed", today: Fixture.date("2012-06-20")))
            var report = ClaimReport(policyID: policy.id!, kind: .illness, incidentDate: Fixture.date("2012-09-01"))
            report.admissionDate = report.incidentDate
            report.dischargeDate = Fixture.date("2012-09-10")
            report.expenses = ClaimExpenses(total: Money(fen: 800_000), insurancePaid: Money(fen: 400_000), selfPaid: Money(fen: 400_000))
            report.documents = ClaimDocument.required(for: .illness)
            let claim = try ClaimService().report(db, report, context: context)
            try ClaimService().beginReview(db, claimID: claim.id!, context: context)
            try db.execute(sql: "UPDATE claim SET status = 'approved', approvedAmount = 245000, statusSince = '2012-09-15' WHERE id = ?",
                           arguments: [claim.id!])
            return claim.id!
        }
        try old.close()

        let database = try HuzhuDatabase(path: path)
        let (lines, problems) = try database.read { db in
            (try Row.fetchAll(db, sql: """
                SELECT e.kind, e.entryDate, e.memo, e.operator, l.account, l.debit, l.credit
                FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id WHERE e.claimID = ? ORDER BY l.id
                """, arguments: [claimID]).map { row in (0..<7).map { "\(row[$0] as DatabaseValue)" }.joined(separator: " ") },
             try LedgerService().check(db).discrepancies.filter { $0.kind != .contributionAccount && $0.kind != .policyContribution })
        }
        #expect(lines == [
            #""approval" "2012-09-15" "approval of claim \#(claimID) (policy 1), migrated" "migration" "benefits:paid" 245000 0"#,
            #""approval" "2012-09-15" "approval of claim \#(claimID) (policy 1), migrated" "migration" "benefits:payable" 0 245000"#,
        ])
        #expect(problems.isEmpty, "\(problems)")
        let audit = try database.read { db in try AuditLog.entries(db).filter { $0.operation == "addClaimPayables" }.count }
        #expect(audit == 1)
    }
}
