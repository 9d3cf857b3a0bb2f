import GRDB
import Testing
@testable import HuzhuCore
@testable import HuzhuDemo

@Suite("Demo claims in bulk: the same rows as the claim service, step by step")
struct DemoClaimsBulkTests {
    /// The rows of the tables the claim steps write, each as its description, in row order.
    static func rows(_ database: HuzhuDatabase) throws -> [String: [String]] {
        let tables = ["claim", "claimDocument", "claimReview", "claimEvent", "claimPayment", "ledgerEntry", "ledgerLine", "audit"]
        return try database.read { db in
            Dictionary(uniqueKeysWithValues: try tables.map { table in
                (table, try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map(\.description))
            })
        }
    }

    /// Expects the same rows in both, naming the first row that differs.
    static func expectSameRows(_ bulk: HuzhuDatabase, _ service: HuzhuDatabase) throws {
        let (got, expected) = (try rows(bulk), try rows(service))
        for (table, expectedRows) in expected.sorted(by: { $0.key < $1.key }) {
            let gotRows = got[table]!
            #expect(gotRows.count == expectedRows.count, "\(table): \(gotRows.count) rows, the service wrote \(expectedRows.count)")
            if let (index, pair) = zip(gotRows, expectedRows).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                Issue.record("\(table) row \(index + 1):\n bulk:    \(pair.0)\n service: \(pair.1)")
            }
        }
    }

    @Test("a city of 1,500 members: claims, documents, reviews, events, payments, ledger and audit rows are the service's, ids and all")
    func city() throws {
        var city = DemoCity(seed: 1, members: 1_500)
        let bulk = try HuzhuDatabase.inMemory()
        let bulkSummary = try city.build(into: bulk, clock: { Fixture.instant })
        city.claimsInBulk = false
        let service = try HuzhuDatabase.inMemory()
        let serviceSummary = try city.build(into: service, clock: { Fixture.instant })
        #expect(bulkSummary == serviceSummary)
        #expect(bulkSummary.claims.values.reduce(0, +) > 40 && bulkSummary.claims[.paid, default: 0] > 20)
        try DemoClaimsBulkTests.expectSameRows(bulk, service)
    }

    /// One step of the scenario below.
    enum Step {
        case report(ClaimReport, on: String)
        case begin(Int, on: String)
        case documents(Int, [ClaimDocument], on: String)
        case decide(Int, ClaimDecision, on: String)
        case pay(Int, amount: Int64, on: String)
    }

    /// Takes the steps through `taker` on top of the demo city's claims;
    /// a step refers to the claims it reported by their order (0, 1, …).
    /// Returns each step's outcome: the claim's status and amount, or the error.
    static func run(_ db: Database, _ steps: [Step], with taker: inout some DemoCity.ClaimSteps) -> [String] {
        var ids: [Int64] = []
        var outcomes: [String] = []
        for step in steps {
            do {
                let claim: Claim?
                switch step {
                case let .report(report, on):
                    claim = try taker.report(db, report, context: Fixture.context(operator: "窗口", today: Fixture.date(on)))
                    ids.append(claim!.id!)
                case let .begin(index, on):
                    claim = try taker.beginReview(db, claimID: ids[index], context: Fixture.context(today: Fixture.date(on)))
                case let .documents(index, documents, on):
                    try taker.recordDocuments(db, claimID: ids[index], provided: documents,
                                              context: Fixture.context(today: Fixture.date(on)))
                    claim = nil
                case let .decide(index, decision, on):
                    claim = try taker.review(db, claimID: ids[index], decision, context: Fixture.context(today: Fixture.date(on)))
                case let .pay(index, amount, on):
                    claim = try taker.pay(db, claimID: ids[index],
                                          ClaimPayment(amount: Money(fen: amount), method: .bankTransfer, reference: "BK-\(index)",
                                                       paidOn: Fixture.date(on)),
                                          context: Fixture.context(today: Fixture.date(on)))
                }
                outcomes.append(claim.map { "\($0.id!) \($0.status) \($0.approvedAmount?.description ?? "-")" } ?? "ok")
            } catch {
                outcomes.append("\(error)")
            }
        }
        return outcomes
    }

    @Test("the rules hold in bulk as in the service: caps across a term, waiting period, documents, duplicates, lapse, payment checks")
    func rules() throws {
        let city = DemoCity(seed: 1, members: 300)
        let bulk = try HuzhuDatabase.inMemory(), service = try HuzhuDatabase.inMemory()
        try city.build(into: bulk, clock: { Fixture.instant })
        try city.build(into: service, clock: { Fixture.instant })
        // An inpatient policy from 07-01 (covered from 09-29) and an accident policy, without claims yet.
        let (inpatient, accident) = try bulk.read { db in
            (try #require(try Int64.fetchOne(db, sql: """
                SELECT id FROM policy WHERE planCode = 'INP' AND startDate = '2026-07-01'
                  AND id NOT IN (SELECT policyID FROM claim) ORDER BY id LIMIT 1
                """)),
             try #require(try Int64.fetchOne(db, sql: """
                SELECT id FROM policy WHERE planCode = 'ACC' AND id NOT IN (SELECT policyID FROM claim) ORDER BY id LIMIT 1
                """)))
        }
        func stay(_ incident: String, days: Int, selfPaid: Int64, reported: String) -> ClaimReport {
            var report = ClaimReport(policyID: inpatient, kind: .illness, incidentDate: Fixture.date(incident))
            report.admissionDate = report.incidentDate
            report.dischargeDate = report.incidentDate.adding(days: days)
            report.expenses = ClaimExpenses(total: Money(fen: selfPaid * 2), insurancePaid: Money(fen: selfPaid),
                                            selfPaid: Money(fen: selfPaid))
            report.documents = ClaimDocument.required(for: .illness)
            report.reportedOn = Fixture.date(reported)
            return report
        }
        var injury = ClaimReport(policyID: accident, kind: .accident, incidentDate: Fixture.date("2026-10-02"))
        (injury.benefitItemCode, injury.admissionDate, injury.dischargeDate) = ("injury", injury.incidentDate, Fixture.date("2026-10-05"))
        injury.documents = ClaimDocument.required(for: .accident).filter { $0 != .eventAccount }
        injury.reportedOn = Fixture.date("2026-10-08")
        let steps: [Step] = [
            // 0: (60,000.00 − 500.00) × 70% = 41,650.00, under both caps of 50,000.00.
            .report(stay("2026-10-10", days: 10, selfPaid: 6_000_000, reported: "2026-10-25"), on: "2026-10-25"),
            .begin(0, on: "2026-10-26"), .decide(0, .approve(), on: "2026-10-30"),
            .pay(0, amount: 4_165_001, on: "2026-11-02"),   // not the approved amount (E618)
            .pay(0, amount: 4_165_000, on: "2026-10-29"),   // before the approval (E620)
            .pay(0, amount: 4_165_000, on: "2026-11-02"), .pay(0, amount: 4_165_000, on: "2026-11-03"),   // paid twice (E603)
            // 1: 69,650.00 computed, capped per claim at 50,000.00, then at the 8,350.00 left of the term.
            .report(stay("2026-11-05", days: 12, selfPaid: 10_000_000, reported: "2026-11-20"), on: "2026-11-20"),
            .begin(1, on: "2026-11-21"), .decide(1, .approve(), on: "2026-11-25"),
            // 2: nothing left of the term (E658), rejected.
            .report(stay("2026-11-28", days: 3, selfPaid: 2_000_000, reported: "2026-12-03"), on: "2026-12-03"),
            .begin(2, on: "2026-12-04"), .decide(2, .approve(), on: "2026-12-05"),
            .decide(2, .reject(.overCap, note: "保额已用完"), on: "2026-12-05"),
            // 3: in the waiting period (E652); a duplicate of 0 (E656); a report after the lapse window, rejected at once.
            .report(stay("2026-08-01", days: 5, selfPaid: 1_000_000, reported: "2026-08-10"), on: "2026-08-10"),
            .begin(3, on: "2026-08-11"), .decide(3, .approve(), on: "2026-08-12"),
            .decide(3, .reject(.waitingPeriod), on: "2026-08-12"),
            .report(stay("2026-10-10", days: 10, selfPaid: 6_000_000, reported: "2026-12-01"), on: "2026-12-01"),
            .report(stay("2026-10-12", days: 2, selfPaid: 1_000_000, reported: "2028-11-01"), on: "2028-11-01"),
            .begin(4, on: "2028-11-02"),   // rejected already (E602)
            // 5: an injury short of the accident account (E657) until it is handed in; paid 1,000.00 × shares.
            .report(injury, on: "2026-10-08"), .begin(5, on: "2026-10-09"), .decide(5, .approve(), on: "2026-10-10"),
            .documents(5, [.eventAccount], on: "2026-10-12"), .decide(5, .approve(), on: "2026-10-14"),
            .pay(5, amount: 100_000, on: "2026-10-20"),
            // Steps out of turn (E602) and an amount above the benefit (E617) after a reopen-free path.
            .pay(1, amount: 835_000, on: "2026-11-24"), .decide(1, .approve(), on: "2026-11-26"),
            .pay(1, amount: 835_000, on: "2026-11-30"),
        ]
        var outcomes: [[String]] = []
        try service.write { db in
            var taker = DemoCity.ServiceClaimSteps()
            outcomes.append(DemoClaimsBulkTests.run(db, steps, with: &taker))
        }
        try bulk.write { db in
            let policies = try Int64.fetchAll(db, sql: "SELECT id FROM policy")
            var taker = DemoCity.BatchClaimSteps(writer: try ClaimService().batch(db, policyIDs: policies))
            outcomes.append(DemoClaimsBulkTests.run(db, steps, with: &taker))
            try ClaimService().write(db, taker.writer)
        }
        let (serviceOutcomes, bulkOutcomes) = (outcomes[0], outcomes[1])
        for (index, (got, expected)) in zip(bulkOutcomes, serviceOutcomes).enumerated() {
            #expect(got == expected, "step \(index): \(steps[index])")
        }
        // The service's outcomes are what the rules say.
        #expect(serviceOutcomes[2].hasSuffix("approved 41650.00"))
        #expect(serviceOutcomes[3].contains("E618") && serviceOutcomes[4].contains("E620") && serviceOutcomes[6].contains("E603"))
        #expect(serviceOutcomes[9].hasSuffix("approved 8350.00"))
        #expect(serviceOutcomes[12].contains("E658") && serviceOutcomes[16].contains("E652"))
        #expect(serviceOutcomes[18].contains("E656") && serviceOutcomes[19].hasSuffix("rejected -"))
        #expect(serviceOutcomes[20].contains("E602") && serviceOutcomes[23].contains("E657"))
        #expect(serviceOutcomes[26].hasSuffix("paid 1000.00"))
        #expect(serviceOutcomes[27].contains("E620") && serviceOutcomes[28].contains("E602") && serviceOutcomes[29].hasSuffix("paid 8350.00"))
        try DemoClaimsBulkTests.expectSameRows(bulk, service)
        let report = try bulk.read { db in try LedgerService().check(db) }
        #expect(report.isClean, "\(report)")
    }
}
