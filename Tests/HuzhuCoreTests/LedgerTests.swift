import GRDB
import Testing
@testable import HuzhuCore

@Suite("Ledger: balanced entries, append-only, refunds and reversals, check")
struct LedgerTests {
    /// The claims city with every policy's contribution posted. The man's INP
    /// policy is re-split 10.00 / 20.00 / 6.00 first.
    func postedCity() throws -> ClaimCity {
        let city = try ClaimCity()
        try city.database.write { db in
            _ = try EnrollmentService().setSplit(db, policyID: city.inpatientPolicy, ContributionSplit(
                administration: Money(fen: 1000), union: Money(fen: 2000), member: Money(fen: 600)), context: city.on("2012-06-20"))
            for id in [city.inpatientPolicy, city.accidentPolicy, city.femalePolicy, city.otherPolicy] {
                let policy = try #require(try Policy.fetchOne(db, key: id))
                try city.ledger.postContribution(db, policy: policy, context: city.on("2012-06-20"))
            }
        }
        return city
    }

    @Test("a contribution bills its unit: Dr receivable:contributions and Cr each paying party; entries balance")
    func contribution() throws {
        let city = try postedCity()
        let entry = try #require(try city.database.read { db in try city.ledger.entry(db, id: 1) })
        #expect(entry.entry.kind == .contribution)
        #expect(entry.entry.policyID == city.inpatientPolicy)
        #expect(entry.entry.memo == "contribution of policy \(city.inpatientPolicy) (INP 2012)")
        #expect(entry.lines.map { "\($0.account.rawValue) \($0.debit) \($0.credit)" } == [
            "receivable:contributions 36.00 0.00",
            "contributions:administration 0.00 10.00",
            "contributions:union 0.00 20.00",
            "contributions:member 0.00 6.00",
        ])
        #expect(entry.debits == entry.credits)
        try city.database.read { (db: Database) throws in
            // 36.00 INP + 52.00 ACC (26.00 × 2) + 25.00 FEM + 36.00 INP (LY) = 149.00, billed and not yet received
            // (before issue 16 enrolment debited fund:cash directly).
            #expect(try city.ledger.balance(db, account: .receivableContributions) == Money(fen: 14_900))
            #expect(try city.ledger.balance(db, account: .fundCash) == .zero)
            #expect(try city.ledger.balance(db, account: .contributionsMember) == Money(fen: 11_900))  // 149.00 − 10.00 − 20.00
            #expect(try city.ledger.balance(db, account: .contributionsUnion) == Money(fen: 2000))
            #expect(try LedgerService(scope: .unit("LY")).balance(db, account: .receivableContributions) == Money(fen: 3600))
            #expect(try city.ledger.balance(db, account: .receivableContributions, asOf: Fixture.date("2012-06-19")) == .zero)
            #expect(try city.ledger.check(db).description == "ledger ok: 4 entries balance and agree with policies and claims")
        }
        let policy = city.inpatientPolicy
        #expect(city.refusal { db in
            try city.ledger.postContribution(db, policy: try #require(try Policy.fetchOne(db, key: policy)), context: city.on("2012-06-21"))
        } == "E904 policy \(policy): the contribution of policy \(policy) is already posted (entry 1)")
    }

    @Test("a lopsided entry is refused before it is written (E901, E903)")
    func balanceEnforced() throws {
        let city = try ClaimCity()
        let entry = LedgerEntry(id: nil, entryDate: Fixture.date("2012-06-20"), kind: .contribution, memo: "bad",
                                policyID: city.inpatientPolicy, claimID: nil, reversesEntryID: nil, unitCode: "BH001",
                                at: "", operatorName: "clerk")
        #expect(city.refusal { db in
            try city.ledger.post(db, entry, lines: [.debit(.fundCash, Money(fen: 3600)), .credit(.contributionsMember, Money(fen: 3500)),
                                                    .credit(.contributionsUnion, .zero)],
                                 operation: "test", context: city.on("2012-06-20"))
        } == """
            E903 lines 0.00: a line's amount must be more than 0.00 (got 0.00)
            E901 lines: entry does not balance: debits 36.00, credits 35.00
            """)
    }

    @Test("the database itself refuses UPDATE and DELETE on entries and lines")
    func appendOnly() throws {
        let city = try postedCity()
        for sql in ["UPDATE ledgerEntry SET memo = 'x' WHERE id = 1", "DELETE FROM ledgerEntry WHERE id = 1",
                    "UPDATE ledgerLine SET credit = credit + 1 WHERE id = 2", "DELETE FROM ledgerLine"] {
            let error = #expect(throws: DatabaseError.self) { try city.database.write { db in try db.execute(sql: sql) } }
            #expect(error?.message == "ledger entries are append-only", "\(sql)")
        }
        #expect(try city.database.read { db in try LedgerLine.fetchCount(db) } == 10)  // INP 4 (three payers) + ACC 2 + FEM 2 + INP (LY) 2, all kept
    }

    @Test("a paid claim posts its approval and its payout; check agrees")
    func payout() throws {
        let city = try postedCity()
        let claim = try city.approved(city.inpatient())
        try city.database.write { db in
            _ = try city.claims.pay(db, claimID: claim.id!, ClaimPayment(amount: Money(fen: 245_000), method: .bankTransfer,
                                                                        reference: "BK-9", paidOn: Fixture.date("2012-09-20")),
                                    context: city.on("2012-09-20"))
        }
        try city.database.read { (db: Database) throws in
            let entries = try city.ledger.page(db, LedgerFilter(claimID: claim.id!), after: nil, limit: 5)
            #expect(entries.map(\.entry.kind) == [.approval, .payout])
            let payout = try #require(entries.last)
            #expect(payout.entry.kind == .payout)
            #expect(payout.entry.entryDate.description == "2012-09-20")
            #expect(payout.entry.memo == "benefit of claim \(claim.id!) (policy \(city.inpatientPolicy)), bankTransfer BK-9")
            #expect(payout.lines.map { "\($0.account.rawValue) \($0.debit) \($0.credit)" } ==
                ["benefits:payable 2450.00 0.00", "fund:cash 0.00 2450.00"])
            #expect(try city.ledger.balance(db, account: .benefitsPayable) == .zero)
            #expect(try city.ledger.balance(db, account: .benefitsPaid) == Money(fen: 245_000))
            // No receipt yet: the contributions are billed (receivable), the payout overdraws the bank.
            #expect(try city.ledger.balance(db, account: .fundCash) == Money(fen: -245_000))
            #expect(try Array(city.ledger.journal(db, LedgerFilter(account: .benefitsPaid))).count == 1)
            #expect(try city.ledger.check(db).isClean)
        }
    }

    @Test("refunds and corrections are reversing entries, never edits")
    func reversals() throws {
        let city = try postedCity()
        let policy = city.accidentPolicy
        #expect(city.refusal { db in try city.ledger.postRefund(db, policyID: policy, context: city.on("2012-06-25")) } ==
            "E907 policy \(policy): policy \(policy) is active; only a cancelled policy's contribution is refunded")
        let refund = try city.database.write { db in
            // Cancelled without a refund of its own (as before cancellations refunded), then refunded whole.
            _ = try EnrollmentService().end(db, try EnrollmentService().policy(db, id: policy)!.policy,
                                            on: Fixture.date("2012-06-25"), reason: "test", refund: .none,
                                            context: city.on("2012-06-25"))
            return try city.ledger.postRefund(db, policyID: policy, context: city.on("2012-06-25"))
        }
        #expect(refund.entry.kind == .refund)
        #expect(refund.entry.reversesEntryID == 2)
        #expect(refund.lines.map { "\($0.account.rawValue) \($0.debit) \($0.credit)" } ==
            ["contributions:member 52.00 0.00", "receivable:contributions 0.00 52.00"])  // unpaid: off the bill
        #expect(city.refusal { db in try city.ledger.postRefund(db, policyID: policy, context: city.on("2012-06-26")) } ==
            "E906 entry 2: entry 2 was already reversed by entry \(refund.entry.id!)")

        // A re-split policy: reverse its contribution, post it again.
        let inpatient = city.inpatientPolicy
        try city.database.write { db in
            let changed = try EnrollmentService().setSplit(db, policyID: inpatient, .memberPays(Money(fen: 3600)),
                                                           context: city.on("2012-06-26"))
            try city.ledger.reverse(db, entryID: 1, memo: "re-split by the subsidy rule", context: city.on("2012-06-26"))
            try city.ledger.postContribution(db, policy: changed, context: city.on("2012-06-26"))
        }
        let payoutFree = try city.database.read { db in try city.ledger.check(db) }
        #expect(payoutFree.isClean, "\(payoutFree)")
        #expect(city.refusal { db in try city.ledger.reverse(db, entryID: refund.entry.id!, memo: "undo", context: city.on("2012-06-27")) } ==
            "E909 entry \(refund.entry.id!): entry \(refund.entry.id!) is a refund entry and cannot be reversed (only contributions are)")
        #expect(city.refusal { db in try city.ledger.reverse(db, entryID: 99, memo: "x", context: city.on("2012-06-27")) } ==
            "E905 entry 99: no such ledger entry 99")
        let audited = try city.database.read { (db: Database) throws in
            try AuditLog.entries(db).filter { $0.tableName == "ledgerEntry" }.map(\.operation)
        }
        #expect(audited == ["postContribution", "postContribution", "postContribution", "postContribution",
                            "postRefund", "reverseEntry", "postContribution"])
    }

    @Test("check names a policy written behind the service's back")
    func plantedPolicy() throws {
        let city = try postedCity()
        let planted = try city.database.write { db in
            try db.execute(sql: """
                INSERT INTO policy (memberID, planTermID, planCode, year, unitCode, shares, startDate, endDate, contribution,
                                    splitAdministration, splitUnion, splitMember, status, enrolledOn, operator)
                SELECT memberID, planTermID, planCode, year, unitCode, shares, startDate, endDate, contribution,
                       0, 0, contribution, 'active', enrolledOn, 'rogue' FROM policy WHERE id = ?
                """, arguments: [city.otherPolicy])
            return db.lastInsertedRowID
        }
        let report = try city.database.read { db in try city.ledger.check(db) }
        #expect(!report.isClean)
        #expect(report.description == """
            account contributions:member: ledger 119.00, policies 155.00 (differs by -36.00)
            policy \(planted) contributions:member: ledger 0.00, policy 36.00 (differs by -36.00)
            """)
        #expect(report.discrepancies.map(\.kind) == [.contributionAccount, .policyContribution])
        // Within 包河区's scope the planted LY policy is not seen.
        #expect(try city.database.read { db in try LedgerService(scope: .unit("BH")).check(db) }.isClean)
    }

    @Test("check names a lopsided entry and a payout that does not match its claim")
    func plantedEntries() throws {
        let city = try postedCity()
        let claim = try city.approved(city.inpatient())
        try city.database.write { db in
            _ = try city.claims.pay(db, claimID: claim.id!, ClaimPayment(amount: Money(fen: 245_000), method: .cash,
                                                                        reference: "C-1", paidOn: Fixture.date("2012-09-15")),
                                    context: city.on("2012-09-15"))
        }
        // Appending is allowed, so a rogue writer can add a one-sided entry on the claim.
        let entryID = try city.database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, claimID, unitCode, at, operator)
                VALUES ('2012-09-16', 'reversal', 'planted', ?, ?, 'BH001', '', 'rogue')
                """, arguments: [city.inpatientPolicy, claim.id!])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO ledgerLine (entryID, account, debit, credit) VALUES (?, 'benefits:paid', 500, 0)",
                           arguments: [id])
            return id
        }
        let report = try city.database.read { db in try city.ledger.check(db) }
        #expect(report.description == """
            entry \(entryID): debits 5.00, credits 0.00 (differs by 5.00)
            account benefits:paid: ledger 2455.00, claims 2450.00 (differs by 5.00)
            claim \(claim.id!) benefits:paid: ledger 2455.00, claim 2450.00 (differs by 5.00)
            """)
        let limited = try city.database.read { db in try city.ledger.check(db, detailLimit: 0) }
        #expect(limited.description == """
            account benefits:paid: ledger 2455.00, claims 2450.00 (differs by 5.00)
            … and 2 more
            """)
    }
}
