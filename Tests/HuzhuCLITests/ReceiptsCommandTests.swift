import Foundation
import Testing

@Suite("huzhu import receipts, huzhu ledger receive / apply-unapplied / owed")
struct ReceiptsCommandTests {
    /// `日期,缴款单位,金额,流水号` and three rows (BH001 50.00 B1; 某公司 10.00 B2; BH001 40.00 B3) in GB18030.
    static let statement: [UInt8] = [
        200, 213, 198, 218, 44, 189, 201, 191, 238, 181, 165, 206, 187, 44, 189, 240, 182, 238, 44, 193, 247, 203, 174, 186, 197, 10,
        50, 48, 50, 54, 45, 49, 48, 45, 48, 56, 44, 66, 72, 48, 48, 49, 44, 53, 48, 46, 48, 48, 44, 66, 49, 10,
        50, 48, 50, 54, 45, 49, 48, 45, 48, 57, 44, 196, 179, 185, 171, 203, 190, 44, 49, 48, 46, 48, 48, 44, 66, 50, 10,
        50, 48, 50, 54, 45, 49, 48, 45, 49, 48, 44, 66, 72, 48, 48, 49, 44, 52, 48, 46, 48, 48, 44, 66, 51, 10,
    ]

    /// The tiny workspace with BH001's three ACC policies enrolled as a group: one bill of 78.00 on 2026-09-30.
    func billed() throws -> TinyWorkspace {
        let ws = try TinyWorkspace()
        try ws.write("group.lua", "print(huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled)")
        #expect(try CLI.run(["run", "group.lua"], in: ws.url).status == 0)
        return ws
    }

    @Test("a GB18030 bank statement: oldest bills settled, unknown payer and surplus held and listed; the same file again refused whole (E912)")
    func gb18030Statement() throws {
        let ws = try billed()
        try Data(Self.statement).write(to: ws.url.appendingPathComponent("bank.csv"))
        let result = try CLI.run(["import", "receipts", "bank.csv"], in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            imported 3 receipts
            bank.csv:3: E910 payer 某公司: payer "某公司" is no unit: 10.00 held as unapplied receipts
            bank.csv:4: E911 amount 40.00: 12.00 more than unit BH001 owes: held as unapplied receipts

            """)
        #expect(try ws.count("receipt") == 3)
        #expect(try CLI.run(["ledger", "check"], in: ws.url).status == 0)
        let owed = try CLI.run(["ledger", "owed", "--as-of", "2026-10-31"], in: ws.url)
        #expect(owed.stdout == "nothing owed on 2026-10-31\n")

        let again = try CLI.run(["import", "receipts", "bank.csv"], in: ws.url)
        #expect(again.status == 1)
        #expect(again.stderr == """
            bank.csv:2: reference B1: reference "B1" was already received (receipt 1 on 2026-10-08)
            bank.csv:3: reference B2: reference "B2" was already received (receipt 2 on 2026-10-09)
            bank.csv:4: reference B3: reference "B3" was already received (receipt 3 on 2026-10-10)
            huzhu: nothing imported: 3 of 3 rows invalid

            """)
        #expect(try ws.count("receipt") == 3)
        // Skipping the invalid rows writes them with their reason.
        let skipped = try CLI.run(["import", "receipts", "bank.csv", "--skip-invalid", "--rejects", "rejects.csv"], in: ws.url)
        #expect(skipped.status == 0)
        #expect(skipped.stdout == "imported 0 receipts; 3 rejected → rejects.csv\n")
    }

    @Test("ledger receive, apply-unapplied and owed; refusals exit 1 and write nothing")
    func ledgerCommands() throws {
        let ws = try billed()
        let owed = try CLI.run(["ledger", "owed"], in: ws.url)
        #expect(owed.status == 0)
        #expect(owed.stdout.hasSuffix("""
            owed on 2026-09-30: 78.00 (administration 0.00, union 0.00, member 78.00); overdue 0.00
            by age: 0-30 days 78.00, 31-90 days 0.00, >90 days 0.00

            """))
        let dry = try CLI.run(["ledger", "receive", "--unit", "BH001", "--amount", "100.00", "--reference", "R1",
                               "--date", "2026-10-01", "--dry-run"], in: ws.url)
        #expect(dry.stdout == """
            would record receipt R1 from BH001: 100.00 on 2026-10-01, ledger entry 4
              bill 1: 78.00 (administration 0.00, union 0.00, member 78.00)
              held in receipts:unapplied: 22.00 — E911 22.00 more than unit BH001 owes: held as unapplied receipts
            dry run: nothing was written

            """)
        #expect(try ws.count("receipt") == 0)
        let unknown = try CLI.run(["ledger", "receive", "--unit", "某公司", "--amount", "30.00", "--reference", "R2"], in: ws.url)
        #expect(unknown.status == 0)
        let apply = try CLI.run(["ledger", "apply-unapplied", "--reference", "R2", "--unit", "BH001"], in: ws.url)
        #expect(apply.stdout == """
            applied receipt R2 from 某公司: 30.00 on 2026-09-30, ledger entry 5
              bill 1: 30.00 (administration 0.00, union 0.00, member 30.00)

            """)
        let refused = try CLI.run(["ledger", "apply-unapplied", "--reference", "R2", "--unit", "BH001"], in: ws.url)
        #expect(refused.status == 1)
        #expect(refused.stderr == "huzhu: E913 amount 0.00: an amount received must be more than 0.00 (got 0.00)\nhuzhu: nothing was written\n")
        let duplicate = try CLI.run(["ledger", "receive", "--unit", "BH001", "--amount", "1.00", "--reference", "R2"], in: ws.url)
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == """
            huzhu: E912 reference R2: reference "R2" was already received (receipt 1 on 2026-09-30)
            huzhu: nothing was written

            """)
        let bad = try CLI.run(["ledger", "receive", "--unit", "BH001", "--amount", "abc", "--reference", "R3"], in: ws.url)
        #expect(bad.status == 2)
        #expect(try CLI.run(["ledger", "check"], in: ws.url).status == 0)
    }
}
