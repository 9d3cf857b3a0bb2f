import Foundation
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

/// The tiny workspace with BH001 enrolled in ACC and two claims, written through the services:
///
/// - claim 1 (王一): accident of 2026-09-30, 1,000.00 of which 800.00 self-paid; approved 800.00, paid (BK-1);
/// - claim 2 (李二): accident of 2026-09-30 without the bank card; rejected (657), then reopened.
final class ClaimsWorkspace {
    let tiny: TinyWorkspace
    var url: URL { tiny.url }

    init() throws {
        tiny = try TinyWorkspace()
        let database = try HuzhuDatabase(path: tiny.databasePath)
        let context = TinyCity.context(operator: "王会计")
        try database.write { db in
            try EnrollmentService().enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: context)
            let claims = ClaimService()
            func report(_ policy: Int64, documents: [ClaimDocument]) throws -> Int64 {
                var report = ClaimReport(policyID: policy, kind: .accident, incidentDate: TinyCity.today)
                report.admissionDate = TinyCity.today
                report.dischargeDate = TinyCity.today
                report.expenses = ClaimExpenses(total: Money(fen: 100_000), insurancePaid: Money(fen: 20_000),
                                                selfPaid: Money(fen: 80_000))
                report.documents = documents
                return try claims.report(db, report, context: context).id!
            }
            let first = try report(1, documents: ClaimDocument.required(for: .accident))
            try claims.beginReview(db, claimID: first, context: context)
            try claims.review(db, claimID: first, .approve(note: "documents complete"), context: context)
            try claims.pay(db, claimID: first, ClaimPayment(amount: Money(fen: 80_000), method: .bankTransfer,
                                                           reference: "BK-1", paidOn: TinyCity.today), context: context)
            let second = try report(2, documents: ClaimDocument.required(for: .accident).filter { $0 != .bankCard })
            try claims.beginReview(db, claimID: second, context: context)
            try claims.review(db, claimID: second, .reject(.documentsMissing, note: "no bank card"), context: context)
            try claims.reopen(db, claimID: second, reason: "card handed in", context: context)
        }
    }

    func run(_ arguments: [String]) throws -> CLIResult {
        try CLI.run(arguments, in: url)
    }
}

@Suite("huzhu explain claim")
struct ExplainClaimTests {
    @Test("explains a claim in readable text: each review round with its computation, no Swift dump")
    func readable() throws {
        let ws = try ClaimsWorkspace()
        let paid = try ws.run(["explain", "claim", "1"])
        #expect(paid.status == 0)
        #expect(paid.stdout == """
            claim 1: member 340104********0119, plan ACC term 2026, accident, paid (已赔付) since 2026-09-30
              incident 2026-09-30, reported 2026-09-30, lapses 2028-09-29
              hospital: admitted 2026-09-30, discharged 2026-09-30
              expenses: total 1000.00, basic medical insurance 200.00, self-paid 800.00
              approved 800.00 yuan
              review round 1: opened 2026-09-30 by 王会计; approved 800.00 on 2026-09-30 by 王会计
                computed: base 800.00 − deductible 0.00, × 100.00% = 800.00 → 800.00
                note: documents complete
              the plan's benefit now:
                self-paid 800.00 − deductible 0.00 = 800.00
                × 100.00% = 800.00

            """)
        let reopened = try ws.run(["explain", "claim", "2"])
        #expect(reopened.stdout == """
            claim 2: member 340104********0229, plan ACC term 2026, accident, underReview (审核中) since 2026-09-30
              incident 2026-09-30, reported 2026-09-30, lapses 2028-09-29
              hospital: admitted 2026-09-30, discharged 2026-09-30
              expenses: total 1000.00, basic medical insurance 200.00, self-paid 800.00
              review round 1: opened 2026-09-30 by 王会计; rejected on 2026-09-30 by 王会计: E657 documents missing
                note: no bank card
              review round 2: opened 2026-09-30 by 王会计 (card handed in); not decided yet
              the plan's benefit now:
                self-paid 800.00 − deductible 0.00 = 800.00
                × 100.00% = 800.00

            """)
        for text in [paid.stdout, reopened.stdout] {
            #expect(!text.contains("Optional("))
            #expect(!text.contains("ClaimReview"))
            #expect(!text.contains("HuzhuCore."))
        }
    }

    @Test("an unknown claim is E601, a data error")
    func unknown() throws {
        let ws = try ClaimsWorkspace()
        let result = try ws.run(["explain", "claim", "9"])
        #expect(result.status == 1)
        #expect(result.stderr == "huzhu: E601 claim 9: no such claim 9\n")
    }
}
