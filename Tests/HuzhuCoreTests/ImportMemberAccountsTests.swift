import Foundation
import GRDB
import Testing
@testable import HuzhuCore

@Suite("Importing members with their payee bank accounts")
struct ImportMemberAccountsTests {
    @Test("bank and account columns set the payee account, checked and masked; a bad card fails the row")
    func accounts() throws {
        let bench = try ImportBench()
        let report = try bench.members("""
            resident_id,name,unit,开户行,银行账号
            \(IDs.a),张三,BH001,中国工商银行,6222 0212 3456 7894
            \(IDs.b),李四,LY001,,

            """)
        #expect(report.summary == "imported 2 members")
        let rows = try bench.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.residentID, a.bank, a.accountNumber, a.accountMasked
                FROM memberBankAccount a JOIN member m ON m.id = a.memberID
                """).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String)" }
        }
        #expect(rows == ["\(IDs.a) 中国工商银行 6222021234567894 6222 **** **** 7894"])
        let shown = try bench.database.read { db in try PayoutService().memberAccount(db, residentID: IDs.a) }
        #expect(shown?.account == "6222 **** **** 7894")

        let failure = importFailure {
            try bench.members("""
                resident_id,name,unit,bank,account
                \(IDs.c),王五,BH002,中国银行,6222021234567895
                """)
        }
        #expect(failure?.description == """
            members.csv:2: account 6222 **** **** 7895: account number 6222 **** **** 7895 is not a valid UnionPay card number (its check digit is wrong); check the card
            nothing imported: 1 of 1 rows invalid
            """)
    }
}
