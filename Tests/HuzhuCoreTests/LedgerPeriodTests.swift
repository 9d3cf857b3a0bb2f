import GRDB
import Testing
@testable import HuzhuCore

@Suite("Ledger: closed periods refuse back-dated entries in every posting path")
struct LedgerPeriodTests {
    /// The claims city with the books closed through September 2012 (closed on 2012-10-01).
    func closedCity() throws -> ClaimCity {
        let city = try ClaimCity()
        try city.database.write { db in _ = try city.ledger.close(db, through: "2012-09", context: city.on("2012-10-01")) }
        return city
    }

    /// Rows of every table a posting writes, to show that a refusal wrote nothing.
    func counts(_ city: ClaimCity) throws -> [Int] {
        try city.database.read { db in
            try ["ledgerEntry", "ledgerLine", "claim", "claimPayment", "claimEvent", "audit"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0
            }
        }
    }

    @Test("close records the month, is audited, and lists in periods; forward-only, past months only, YYYY-MM")
    func close() throws {
        let city = try closedCity()
        try city.database.read { db in
            let periods = try city.ledger.periods(db)
            #expect(periods.map { "\($0.throughMonth) \($0.throughDate) \($0.closedOn) \($0.operatorName)" } == [
                "2012-09 2012-09-30 2012-10-01 clerk",
            ])
            let audit = try String.fetchAll(db, sql: """
                SELECT operation || ' ' || tableName || ' ' || rowKey || ' ' || summary FROM audit WHERE operation = 'closePeriod'
                """)
            #expect(audit == [#"closePeriod ledgerClosing 2012-09 {"closedOn":"2012-10-01","through":"2012-09"}"#])
        }
        #expect(city.refusal { db in try city.ledger.close(db, through: "2012-08", context: city.on("2012-12-01")) } ==
                "E951 through 2012-08: 2012-08 is already closed (the books are closed through 2012-09); closing is forward-only, close a later month")
        #expect(city.refusal { db in try city.ledger.close(db, through: "2012-09", context: city.on("2012-12-01")) } ==
                "E951 through 2012-09: 2012-09 is already closed (the books are closed through 2012-09); closing is forward-only, close a later month")
        #expect(city.refusal { db in try city.ledger.close(db, through: "2012-10", context: city.on("2012-10-31")) } ==
                "E952 through 2012-10: 2012-10 has not ended on 2012-10-31; only past months can be closed")
        #expect(city.refusal { db in try city.ledger.close(db, through: "2012-13", context: city.on("2013-10-31")) } ==
                "E953 through 2012-13: \"2012-13\" is not a month (expected YYYY-MM, e.g. 2026-06)")
        #expect(city.refusal { db in try city.ledger.close(db, through: "2012-9", context: city.on("2013-10-31")) } ==
                "E953 through 2012-9: \"2012-9\" is not a month (expected YYYY-MM, e.g. 2026-06)")
        #expect(city.refusal { db in
            try LedgerService(scope: .unit("BH001")).close(db, through: "2012-10", context: city.on("2012-11-01"))
        } == "E251 through 2012-10: closePeriod is a federation operation, refused in a run scoped to BH001")
        // Later months close; each closing is kept.
        try city.database.write { db in _ = try city.ledger.close(db, through: "2012-11", context: city.on("2012-12-01")) }
        #expect(try city.database.read { db in try city.ledger.periods(db).map(\.throughMonth) } == ["2012-09", "2012-11"])
        #expect(try city.database.read { db in try city.ledger.closedThrough(db)?.throughDate } == Fixture.date("2012-11-30"))
        // The closings table is append-only.
        #expect(throws: DatabaseError.self) {
            try city.database.write { db in try db.execute(sql: "DELETE FROM ledgerClosing") }
        }
    }

    @Test("LedgerService.post: a contribution dated in a closed month is refused (E950), nothing written; the open period takes it")
    func post() throws {
        let city = try closedCity()
        let before = try counts(city)
        let policy = city.inpatientPolicy
        #expect(city.refusal { db in
            try city.ledger.postContribution(db, policy: try #require(try Policy.fetchOne(db, key: policy)), context: city.on("2012-09-30"))
        } == "E950 date 2012-09-30: entry dated 2012-09-30 falls in a closed period (the books are closed through 2012-09); "
            + "corrections go to the open period, dated after 2012-09")
        #expect(try counts(city) == before)
        try city.database.write { db in
            _ = try city.ledger.postContribution(db, policy: try #require(try Policy.fetchOne(db, key: policy)), context: city.on("2012-10-01"))
        }
        #expect(try counts(city)[0] == before[0] + 1)
    }

    @Test("ClaimService.pay: a payment dated in a closed month is refused (E950), nothing written")
    func pay() throws {
        let city = try ClaimCity()
        let claim = try city.approved(city.inpatient(incident: "2012-09-01"), reported: "2012-09-15")
        try city.database.write { db in _ = try city.ledger.close(db, through: "2012-09", context: city.on("2012-10-01")) }
        let before = try counts(city)
        #expect(city.refusal { db in
            try city.claims.pay(db, claimID: claim.id!, ClaimPayment(amount: claim.approvedAmount!, method: .cash, reference: "C-1",
                                                                    paidOn: Fixture.date("2012-09-20")),
                                context: city.on("2012-09-20"))
        } == "E950 date 2012-09-20: entry dated 2012-09-20 falls in a closed period (the books are closed through 2012-09); "
            + "corrections go to the open period, dated after 2012-09")
        #expect(try counts(city) == before)
        #expect(try city.database.read { db in try Claim.fetchOne(db, key: claim.id!)?.status } == .approved)
    }

    @Test("ClaimBatch: an approval or payout dated in a closed month is refused (E950) by the batch; nothing is written")
    func batch() throws {
        let city = try closedCity()
        let before = try counts(city)
        let refusal = city.refusal { db in
            var batch = try city.claims.batch(db, policyIDs: [city.inpatientPolicy])
            let id = try batch.report(city.inpatient(incident: "2012-09-01"), context: city.on("2012-09-15")).id!
            _ = try batch.beginReview(claimID: id, context: city.on("2012-09-15"))
            let approved = try batch.review(claimID: id, .approve(), context: city.on("2012-09-15"))
            try batch.pay(claimID: id, ClaimPayment(amount: approved.approvedAmount!, method: .cash, reference: "C-1",
                                                    paidOn: Fixture.date("2012-09-20")), context: city.on("2012-09-20"))
            try city.claims.write(db, batch)
        }
        // The approval is booked now (benefits payable): it is the first entry refused.
        #expect(refusal == "E950 date 2012-09-15: entry dated 2012-09-15 falls in a closed period (the books are closed through 2012-09); "
            + "corrections go to the open period, dated after 2012-09")
        #expect(try counts(city) == before)
    }

    @Test("ledger check proves closed periods untouched: an entry slipped in past the trigger is named")
    func checkClosed() throws {
        let city = try closedCity()
        // (ClaimCity's policies have no contributions posted: those lines are not this test's.)
        func closedProblems() throws -> [String] {
            try city.database.read { db in
                try city.ledger.check(db).discrepancies.filter { $0.kind == .closedPeriodEntry }.map(\.description)
            }
        }
        #expect(try closedProblems().isEmpty)
        try city.database.write { db in
            try db.execute(sql: """
                DROP TRIGGER ledgerEntry_closed_period;
                INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator)
                VALUES ('2012-09-10', 'reversal', 'slipped in', ?, 'BH001', '2099-01-01T00:00:00.000Z', 'raw');
                INSERT INTO ledgerLine (entryID, account, debit, credit) VALUES
                    ((SELECT MAX(id) FROM ledgerEntry), 'fund:cash', 500, 0),
                    ((SELECT MAX(id) FROM ledgerEntry), 'fund:cash', 0, 500);
                """, arguments: [city.inpatientPolicy])
        }
        let problems = try closedProblems()
        let id = try city.database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM ledgerEntry")! }
        #expect(problems == ["entry \(id) dated 2012-09-10, posted after the books were closed through 2012-09: "
                             + "ledger 5.00, closed period 0.00 (differs by 5.00)"])
    }

    @Test("the database refuses an entry dated in a closed period even from raw SQL (trigger)")
    func trigger() throws {
        let city = try closedCity()
        #expect(throws: DatabaseError.self) {
            try city.database.write { db in
                try db.execute(sql: """
                    INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator)
                    VALUES ('2012-09-30', 'contribution', 'raw', ?, 'BH001', '', 'raw')
                    """, arguments: [city.inpatientPolicy])
            }
        }
    }

    @Test("trial balance: every account of the chart, totals equal")
    func trialBalance() throws {
        let city = try ClaimCity()
        try city.database.write { db in
            for id in [city.inpatientPolicy, city.accidentPolicy] {
                try city.ledger.postContribution(db, policy: try #require(try Policy.fetchOne(db, key: id)), context: city.on("2012-06-20"))
            }
        }
        try city.database.read { db in
            let trial = try city.ledger.trialBalance(db)
            #expect(trial.accounts.map(\.account) == LedgerAccount.allCases)
            #expect(trial.isBalanced)
            #expect(trial.debits == Money(fen: 3600 + 5200) && trial.credits == trial.debits)
            let before = try city.ledger.trialBalance(db, asOf: Fixture.date("2012-06-19"))
            #expect(before.debits == .zero && before.isBalanced && before.asOf == Fixture.date("2012-06-19"))
        }
    }
}
