import Foundation
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

@Suite("huzhu claims list, show, documents, owed and import claims")
struct ClaimsCommandTests {
    /// Claim 1 reopened (复核) and approved for 600.00 after 800.00 was paid: 200.00 owed back.
    func reopenedLower(_ ws: ClaimsWorkspace) throws {
        let database = try HuzhuDatabase(path: ws.tiny.databasePath)
        let context = TinyCity.context(operator: "王会计")
        try database.write { db in
            let claims = ClaimService()
            try claims.reopen(db, claimID: 1, reason: "invoice counted twice", context: context)
            try claims.review(db, claimID: 1, .approve(amount: Money(fen: 60_000)), context: context)
        }
    }

    @Test("show: facts, documents handed in and missing, review rounds, events and payments, in readable text")
    func show() throws {
        let ws = try ClaimsWorkspace()
        try reopenedLower(ws)
        let result = try ws.run(["claims", "show", "1"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            claim 1: member 340104********0119, plan ACC term 2026, accident, paid (已赔付) since 2026-09-30
              incident 2026-09-30, reported 2026-09-30, lapses 2028-09-29
              hospital: admitted 2026-09-30, discharged 2026-09-30
              expenses: total 1000.00, basic medical insurance 200.00, self-paid 800.00
              approved 600.00 yuan
              documents handed in: applicationForm 理赔申请书, idCopy 身份证复印件, bankCard 银行卡, eventAccount 事故经过, dischargeSummary 出院小结, settlementSlip 医保结算单, invoices 医疗费用发票
              documents missing: none
              review round 1: opened 2026-09-30 by 王会计; approved 800.00 on 2026-09-30 by 王会计
                computed: base 800.00 − deductible 0.00, × 100.00% = 800.00 → 800.00
                note: documents complete
              review round 2: opened 2026-09-30 by 王会计 (invoice counted twice); approved 600.00 on 2026-09-30 by 王会计
                computed: base 800.00 − deductible 0.00, × 100.00% = 800.00 → 800.00
              events:
                2026-09-30 reported by 王会计
                2026-09-30 reported → underReview by 王会计
                2026-09-30 underReview → approved by 王会计: documents complete
                2026-09-30 approved → paid by 王会计: bankTransfer BK-1
                2026-09-30 paid → underReview by 王会计: invoice counted twice
                2026-09-30 underReview → approved by 王会计
                2026-09-30 approved → paid by 王会计: automatic: review round 2 approved 600.00; paid 800.00 so far; 200.00 owed back
              payments:
                2026-09-30 paid 800.00 by bankTransfer BK-1 (ledger entry 5)
                2026-09-30 owed back 200.00 after review round 2
              paid 800.00 in all, 200.00 owed back by the member
              payee: no bank account (huzhu payouts account / payee)

            """)
        let second = try ws.run(["claims", "show", "2", "--unmasked"])
        #expect(second.stdout == """
            claim 2: member 340104198505050229, plan ACC term 2026, accident, underReview (审核中) since 2026-09-30
              incident 2026-09-30, reported 2026-09-30, lapses 2028-09-29
              hospital: admitted 2026-09-30, discharged 2026-09-30
              expenses: total 1000.00, basic medical insurance 200.00, self-paid 800.00
              documents handed in: applicationForm 理赔申请书, idCopy 身份证复印件, eventAccount 事故经过, dischargeSummary 出院小结, settlementSlip 医保结算单, invoices 医疗费用发票
              documents missing: bankCard 银行卡
              review round 1: opened 2026-09-30 by 王会计; rejected on 2026-09-30 by 王会计: E657 documents missing
                note: no bank card
              review round 2: opened 2026-09-30 by 王会计 (card handed in); not decided yet
              events:
                2026-09-30 reported by 王会计
                2026-09-30 reported → underReview by 王会计
                2026-09-30 underReview → rejected by 王会计: no bank card
                2026-09-30 rejected → underReview by 王会计: card handed in
              payments: none
              payee: no bank account (huzhu payouts account / payee)

            """)
        for text in [result.stdout, second.stdout] { #expect(!text.contains("Optional(")) }
        let unknown = try ws.run(["claims", "show", "7"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "huzhu: E601 claim 7: no such claim 7\n")
    }

    @Test("list: every claim, or those of a status, unit, plan or report dates")
    func list() throws {
        let ws = try ClaimsWorkspace()
        try reopenedLower(ws)
        let all = try ws.run(["claims", "list"])
        #expect(all.stdout == """
            claim  member              plan  term  kind      incident    reported    status       expenses  approved  paid    owed    missing
            -----  ------------------  ----  ----  --------  ----------  ----------  -----------  --------  --------  ------  ------  -------
            1      340104********0119  ACC   2026  accident  2026-09-30  2026-09-30  paid         1000.00   600.00    800.00  200.00
            2      340104********0229  ACC   2026  accident  2026-09-30  2026-09-30  underReview  1000.00                             1

            """)
        #expect(try ws.run(["claims", "list", "--status", "underReview"]).stdout.split(separator: "\n").count == 3)
        #expect(try ws.run(["claims", "list", "--unit", "LY"]).stdout == "no claims\n")
        #expect(try ws.run(["claims", "list", "--plan", "FEM"]).stdout == "no claims\n")
        #expect(try ws.run(["claims", "list", "--from", "2026-10-01"]).stdout == "no claims\n")
        #expect(try ws.run(["claims", "list", "--from", "2026-09-01", "--to", "2026-09-30"]).stdout.split(separator: "\n").count == 4)
        let bad = try ws.run(["claims", "list", "--status", "done"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "huzhu: E616 --status done: unknown claim status \"done\" (expected one of reported, underReview, approved, rejected, paid)\n")
        let badUnit = try ws.run(["claims", "list", "--unit", "XX"])
        #expect(badUnit.status == 1)
        #expect(badUnit.stderr == "huzhu: E208 unit XX: unknown unit XX\n")
    }

    @Test("owed: what members owe back after a lower 复核, and the total")
    func owed() throws {
        let ws = try ClaimsWorkspace()
        #expect(try ws.run(["claims", "owed"]).stdout == "no amounts owed back\n")
        try reopenedLower(ws)
        let owed = try ws.run(["claims", "owed"])
        #expect(owed.stdout == """
            claim  member              unit   plan  status  approved  paid    owed    since
            -----  ------------------  -----  ----  ------  --------  ------  ------  ----------
            1      340104********0119  BH001  ACC   paid    600.00    800.00  200.00  2026-09-30
            1 claim, 200.00 owed back

            """)
        #expect(try ws.run(["claims", "owed", "--unit", "LY"]).stdout == "no amounts owed back\n")
        let check = try ws.run(["ledger", "check"])
        #expect(check.status == 0)
        let doctor = try ws.run(["doctor"])
        #expect(doctor.status == 0)
    }

    @Test("documents: every document in English and Chinese, and the kinds that need it")
    func documents() throws {
        let ws = try ClaimsWorkspace()
        let result = try ws.run(["claims", "documents"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            document                 材料          required for
            -----------------------  ------------  --------------------------------------------------------------------
            applicationForm          理赔申请书    illness, accident, death, disability, femaleDisease, criticalIllness
            idCopy                   身份证复印件  illness, accident, death, disability, femaleDisease, criticalIllness
            bankCard                 银行卡        illness, accident, death, disability, femaleDisease, criticalIllness
            membershipProof          会员证明
            unitCertificate          单位证明
            eventAccount             事故经过      accident, death, disability
            medicalRecords           病历资料      criticalIllness
            dischargeSummary         出院小结      illness, accident, femaleDisease
            settlementSlip           医保结算单    illness, accident
            invoices                 医疗费用发票  illness, accident
            diagnosisCertificate     诊断证明      femaleDisease, criticalIllness
            disabilityAssessment     伤残鉴定      disability
            deathCertificate         死亡证明      death
            householdDeregistration  户籍注销证明  death

            """)
    }

    /// An office's spreadsheet: two good claims (by member and plan; by policy id) and four bad rows.
    static let claimsFile = """
        保单号,身份证号,计划,出险类型,出险日期,入院日期,出院日期,医疗费用总额,统筹支付,材料,备注
        ,\(TinyCity.zhang),ACC,意外伤害,2026-09-30,2026-09-30,2026-09-30,500,100,理赔申请书、身份证复印件、银行卡、事故经过、出院小结、医保结算单、医疗费用发票,代办处收
        3,,,disability,2026-09-30,,,0,0,applicationForm;idCopy,
        ,\(TinyCity.zhao),ACC,意外伤害,2026-09-30,2026-09-30,2026-09-30,100,0,,
        ,\(TinyCity.zhang),ACC,意外伤害,2026-09-30,2026-09-30,2026-09-30,500,100,,again
        ,\(TinyCity.zhang),ACC,意外,2026-09-30,,,0,0,,
        ,\(TinyCity.zhang),ACC,意外伤害,2026-09-29,2026-09-30,2026-09-30,10,0,申请表,
        2,,,accident,2026-09-30,2026-09-30,2026-09-30,100,0,,

        """

    @Test("import claims: atomic by default — one bad row and nothing is reported, every error listed")
    func importAtomic() throws {
        let ws = try ClaimsWorkspace()
        try ws.tiny.write("claims.csv", Self.claimsFile)
        let result = try ws.run(["import", "claims", "claims.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            claims.csv:4: plan ACC: holds no policy of plan ACC covering 2026-09-30
            claims.csv:5: incident_date 2026-09-30: duplicate claim of 340104********0337 ACC accident 2026-09-30, first at line 2
            claims.csv:6: kind 意外: unknown claim kind "意外" (expected one of illness, accident, death, disability, femaleDisease, criticalIllness)
            claims.csv:7: documents 申请表: unknown document "申请表" (expected one of applicationForm 理赔申请书, idCopy 身份证复印件, bankCard 银行卡, membershipProof 会员证明, unitCertificate 单位证明, eventAccount 事故经过, medicalRecords 病历资料, dischargeSummary 出院小结, settlementSlip 医保结算单, invoices 医疗费用发票, diagnosisCertificate 诊断证明, disabilityAssessment 伤残鉴定, deathCertificate 死亡证明, householdDeregistration 户籍注销证明)
            claims.csv:8: incident_date 2026-09-30: duplicates claim 2 (same policy, kind and incident date)
            huzhu: nothing imported: 5 of 7 rows invalid

            """)
        #expect(try ws.tiny.count("claim") == 2)
        #expect(try ws.tiny.count("audit WHERE operation IN ('reportClaim', 'importClaims')") == 2)
    }

    @Test("import claims --skip-invalid: the good rows reported through the service, the bad ones in the rejects file")
    func importSkipping() throws {
        let ws = try ClaimsWorkspace()
        try ws.tiny.write("claims.csv", Self.claimsFile)
        let result = try ws.run(["import", "claims", "claims.csv", "--skip-invalid", "--rejects", "rejects.csv"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            imported 2 claims; 5 rejected → rejects.csv

            """)
        // UTF-8 with a byte order mark and CRLF line ends, as every rejects file.
        let rejects = try String(contentsOf: ws.url.appendingPathComponent("rejects.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(rejects == """
            保单号,身份证号,计划,出险类型,出险日期,入院日期,出院日期,医疗费用总额,统筹支付,材料,备注,reason
            ,340103197507070441,ACC,意外伤害,2026-09-30,2026-09-30,2026-09-30,100,0,,,plan ACC: holds no policy of plan ACC covering 2026-09-30
            ,340104199003030337,ACC,意外伤害,2026-09-30,2026-09-30,2026-09-30,500,100,,again,"incident_date 2026-09-30: duplicate claim of 340104********0337 ACC accident 2026-09-30, first at line 2"
            ,340104199003030337,ACC,意外,2026-09-30,,,0,0,,,"kind 意外: unknown claim kind ""意外"" (expected one of illness, accident, death, disability, femaleDisease, criticalIllness)"
            ,340104199003030337,ACC,意外伤害,2026-09-29,2026-09-30,2026-09-30,10,0,申请表,,"documents 申请表: unknown document ""申请表"" (expected one of applicationForm 理赔申请书, idCopy 身份证复印件, bankCard 银行卡, membershipProof 会员证明, unitCertificate 单位证明, eventAccount 事故经过, medicalRecords 病历资料, dischargeSummary 出院小结, settlementSlip 医保结算单, invoices 医疗费用发票, diagnosisCertificate 诊断证明, disabilityAssessment 伤残鉴定, deathCertificate 死亡证明, householdDeregistration 户籍注销证明)"
            2,,,accident,2026-09-30,2026-09-30,2026-09-30,100,0,,,"incident_date 2026-09-30: duplicates claim 2 (same policy, kind and incident date)"

            """)
        #expect(try ws.tiny.count("claim") == 4)
        #expect(try ws.tiny.count("audit WHERE operation = 'reportClaim'") == 4)
        #expect(try ws.tiny.count("audit WHERE operation = 'importClaims'") == 1)
        let listed = try ws.run(["claims", "list", "--from", "2026-09-30"])
        #expect(listed.stdout == """
            claim  member              plan  term  kind        incident    reported    status       expenses  approved  paid    owed  missing
            -----  ------------------  ----  ----  ----------  ----------  ----------  -----------  --------  --------  ------  ----  -------
            1      340104********0119  ACC   2026  accident    2026-09-30  2026-09-30  paid         1000.00   800.00    800.00
            2      340104********0229  ACC   2026  accident    2026-09-30  2026-09-30  underReview  1000.00                           1
            3      340104********0337  ACC   2026  accident    2026-09-30  2026-09-30  reported     500.00
            4      340104********0337  ACC   2026  disability  2026-09-30  2026-09-30  reported     0.00                              3

            """)
        #expect(try ws.run(["ledger", "check"]).status == 0)
    }
}
