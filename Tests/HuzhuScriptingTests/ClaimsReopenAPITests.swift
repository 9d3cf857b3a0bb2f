import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

@Suite("huzhu.claims.add_documents, reopen and owed from Lua")
struct ClaimsReopenAPITests {
    /// Wang's ACC accident of 2026-09-30: 400.00 self-paid, so a benefit of 400.00.
    static func report(documents: String = "'applicationForm', 'idCopy', 'bankCard', 'eventAccount', 'dischargeSummary', 'settlementSlip', 'invoices'") -> String {
        """
        local p = huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
        local c = huzhu.claims.report{policy = p.id, kind = 'accident', incident = '2026-09-30',
            admission = '2026-09-30', discharge = '2026-09-30', total = 100000, insurance_paid = 60000,
            documents = {\(documents)}}

        """
    }

    /// The report, approved for 400.00 and paid.
    static let paid = report() + """
        huzhu.claims.review(c.id, {approve = true})
        huzhu.claims.pay(c.id, {amount = 40000, reference = 'BK-1'})

        """

    func operations(_ f: ScriptFixture, table: String) throws -> [String] {
        try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT operation FROM audit WHERE tableName = ? ORDER BY id", arguments: [table])
        }
    }

    @Test("documents handed in late, in English or Chinese, let a claim waiting for them be approved")
    func addDocuments() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.report(documents: "'applicationForm', 'idCopy', 'eventAccount', 'dischargeSummary', 'settlementSlip'") + """
            local before = table.concat(c.missing, ',')
            local ok, err = pcall(huzhu.claims.review, c.id, {approve = true})
            local after = huzhu.claims.add_documents(c.id, {'bankCard', '医疗费用发票', '会员证明'})
            local approved = huzhu.claims.review(c.id, {approve = true})
            return before, tostring(err):match('E657[^\\n]*'), #after.missing, #after.documents, approved.status
            """, name: "late.lua")
        #expect(results == ["bankCard,invoices", "E657 claim 1: documents missing: bankCard, invoices", 0, 8, "approved"])
        #expect(try operations(f, table: "claimDocument") == ["recordClaimDocuments"])
        let summary = try f.database.read { db in
            try String.fetchOne(db, sql: "SELECT summary FROM audit WHERE operation = 'recordClaimDocuments'")
        }
        #expect(summary == #"{"provided":"bankCard,invoices,membershipProof"}"#)
    }

    @Test("add_documents refuses an unknown name (E613, naming the Chinese names too), a decided claim (E602), another scope (E601)")
    func addDocumentsRefused() throws {
        let f = try ScriptFixture()
        let unknown = try f.failure(Self.report() + "huzhu.claims.add_documents(c.id, {'申请表'})", name: "docs.lua")
        #expect(unknown?.message == "docs.lua:5: E613 documents 申请表: unknown document \"申请表\" (expected one of "
            + "applicationForm 理赔申请书, idCopy 身份证复印件, bankCard 银行卡, membershipProof 会员证明, unitCertificate 单位证明, "
            + "eventAccount 事故经过, medicalRecords 病历资料, dischargeSummary 出院小结, settlementSlip 医保结算单, "
            + "invoices 医疗费用发票, diagnosisCertificate 诊断证明, disabilityAssessment 伤残鉴定, deathCertificate 死亡证明, "
            + "householdDeregistration 户籍注销证明)")
        let decided = try f.failure(Self.paid + "huzhu.claims.add_documents(c.id, {'membershipProof'})", name: "docs.lua")
        #expect(decided?.message == "docs.lua:7: E602 claim 1: cannot record documents: the claim is paid, not reported or underReview")
        let empty = try f.failure(Self.report() + "huzhu.claims.add_documents(c.id, {})", name: "docs.lua")
        #expect(empty?.message == "docs.lua:5: bad argument #2 to 'add_documents' (documents: name at least one document)")

        try f.run(Self.report(documents: "'applicationForm'"))
        let scoped = try f.failure("huzhu.claims.add_documents(1, {'bankCard'})", name: "docs.lua", scope: .unit("LY"))
        #expect(scoped?.message == "docs.lua:1: E601 claim 1: no such claim 1")
        try f.run("huzhu.claims.add_documents(1, {'bankCard'})", dryRun: true)
        #expect(try f.count("claimDocument WHERE provided = 1") == 1)
        #expect(try operations(f, table: "claimDocument") == [])
    }

    @Test("a paid claim reopened and approved for more is paid the difference as a further payment; the books agree")
    func reopenHigher() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.report() + """
            huzhu.claims.review(c.id, {approve = true, amount = 30000})
            huzhu.claims.pay(c.id, {amount = 30000, reference = 'BK-1'})
            local reopened = huzhu.claims.reopen(c.id, {note = '发票漏算'})
            local decided = huzhu.claims.review(c.id, {approve = true})
            local ok, err = pcall(huzhu.claims.pay, c.id, {amount = 40000, reference = 'BK-2'})
            local paid = huzhu.claims.pay(c.id, {amount = 10000, reference = 'BK-2'})
            local a = paid.adjustments[1]
            return reopened.status, reopened.round, decided.status, decided.approved_amount, tostring(err):match('E623[^\\n]*'),
                   paid.status, paid.paid, paid.owed, a.kind, a.amount, a.round, a.reference,
                   huzhu.ledger.balance('benefits:paid'), #huzhu.ledger.check(), #huzhu.claims.owed()
            """, name: "reopen.lua")
        #expect(results == ["underReview", 2, "approved", 40000,
                            "E623 claim 1: payment 400.00 differs from the amount still due 100.00 (approved 400.00, paid 300.00 so far)",
                            "paid", 40000, 0, "furtherPayment", 10000, 2, "BK-2", 40000, 0, 0])
        #expect(try f.count("claimPayment") == 1)
        #expect(try f.count("ledgerEntry WHERE kind = 'payout'") == 2)
        #expect(try operations(f, table: "claimAdjustment") == ["payClaimDifference"])
        #expect(try operations(f, table: "claimReview") == ["beginClaimReview", "reopenClaim"])
        let memo = try f.database.read { db in try String.fetchOne(db, sql: "SELECT memo FROM ledgerEntry ORDER BY id DESC LIMIT 1") }
        #expect(memo == "further benefit of claim 1 (policy 1), bankTransfer BK-2")
    }

    @Test("a paid claim decided lower is paid again at once and the difference is owed back, never a reversal")
    func reopenLower() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.paid + """
            huzhu.claims.reopen(c.id, {note = 'invoice counted twice'})
            local decided = huzhu.claims.review(c.id, {approve = true, amount = 25000})
            local owed = huzhu.claims.owed()
            return decided.status, decided.approved_amount, decided.paid, decided.owed, #owed, owed[1].owed, owed[1].paid,
                   owed[1].claim.id, huzhu.ledger.balance('benefits:paid'), #huzhu.ledger.check()
            """, name: "lower.lua")
        #expect(results == ["paid", 25000, 40000, 15000, 1, 15000, 40000, 1, 25000, 0])   // benefits:paid: what the member keeps
        #expect(try f.count("ledgerEntry WHERE kind = 'payout'") == 1)
        #expect(try f.count("ledgerEntry WHERE kind = 'reversal'") == 0)
        #expect(try operations(f, table: "claimAdjustment") == ["recordClaimOwed"])

        // Raised again in a third round: the owed amount is cancelled, nothing more is paid.
        let again = try f.run("""
            huzhu.claims.reopen(1, {note = 'second invoice was real'})
            local c = huzhu.claims.review(1, {approve = true})
            return c.status, c.paid, c.owed, #huzhu.claims.owed(), #c.adjustments
            """)
        #expect(again == ["paid", 40000, 0, 0, 2])
        #expect(try operations(f, table: "claimAdjustment") == ["recordClaimOwed", "cancelClaimOwed"])
    }

    @Test("a paid claim rejected on review owes back all that was paid")
    func reopenRejected() throws {
        let f = try ScriptFixture()
        let results = try f.run(Self.paid + """
            huzhu.claims.reopen(c.id, {note = 'not an accident'})
            local r = huzhu.claims.review(c.id, {reject = 'excludedCause'})
            return r.status, r.paid, r.owed, #huzhu.ledger.check()
            """)
        #expect(results == ["rejected", 40000, 40000, 0])
    }

    @Test("reopen refuses a claim not yet decided (E602), a missing note (E802), another scope (E601); dry run leaves nothing")
    func reopenRefused() throws {
        let f = try ScriptFixture()
        let early = try f.failure(Self.report() + "huzhu.claims.reopen(c.id, {note = 'x'})", name: "r.lua")
        #expect(early?.message == "r.lua:5: E602 claim 1: cannot reopen: the claim is reported, not rejected, approved or paid")
        let noNote = try f.failure(Self.paid + "huzhu.claims.reopen(c.id, {})", name: "r.lua")
        #expect(noNote?.message == "r.lua:7: E802 claim 1: a value is required")
        try f.run(Self.paid)
        let scoped = try f.failure("huzhu.claims.reopen(1, {note = 'x'})", name: "r.lua", scope: .unit("LY"))
        #expect(scoped?.message == "r.lua:1: E601 claim 1: no such claim 1")
        try f.run("""
            huzhu.claims.reopen(1, {note = 'x'})
            huzhu.claims.review(1, {approve = true, amount = 100})
            """, dryRun: true)
        #expect(try f.count("claimReview") == 1)
        #expect(try f.count("claimAdjustment") == 0)
        #expect(try f.count("claim WHERE status = 'paid'") == 1)
        #expect(try f.run("return #huzhu.claims.owed()") == [0])
    }
}
