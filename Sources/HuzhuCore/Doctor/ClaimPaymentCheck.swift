import GRDB

/// No claim paid twice or over what was approved, and no approval over the
/// plan's caps.
///
/// - a paid claim has its payment row, and a payment row belongs to a paid claim;
/// - the payment equals the approved amount;
/// - at most one live payout entry per claim in the ledger (not reversed);
/// - an approved or paid claim's amount is within the plan's per-claim cap
///   (× the policy's shares), and a member's approved and paid claims in one
///   plan term within its per-term cap (× shares), as ``BenefitCalculator`` caps them.
struct ClaimPaymentCheck: DoctorCheck {
    let name = "payouts"
    let summary = "no claim paid twice, over its approved amount or over the plan's caps"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        let unpaid = try Row.fetchCursor(db, sql: """
            SELECT c.id FROM claim c WHERE c.status = 'paid'
              AND NOT EXISTS (SELECT 1 FROM claimPayment cp WHERE cp.claimID = c.id) ORDER BY c.id
            """)
        while let row = try unpaid.next() {
            findings.add("claim \(row[0] as Int64): status paid but no claimPayment row")
        }
        let payments = try Row.fetchCursor(db, sql: """
            SELECT cp.claimID, cp.amount, c.status, c.approvedAmount
            FROM claimPayment cp LEFT JOIN claim c ON c.id = cp.claimID
            WHERE c.status IS NOT 'paid' OR cp.amount != c.approvedAmount
            ORDER BY cp.claimID
            """)
        while let row = try payments.next() {
            let id: Int64 = row[0], amount = Money(fen: row[1])
            let status: String? = row[2], approved: Int64? = row[3]
            if status != "paid" {
                findings.add("claim \(id): claimPayment of \(amount) but status \(status ?? "missing")")
            } else if let approved {
                let over = amount.fen - approved
                findings.add("claim \(id): paid \(amount), approved \(Money(fen: approved)) "
                             + "(\(over > 0 ? "over" : "under") by \(Money(fen: abs(over))))")
            }
        }
        let twice = try Row.fetchCursor(db, sql: """
            SELECT e.claimID, COUNT(*), GROUP_CONCAT(e.id, ', ')
            FROM ledgerEntry e
            WHERE e.kind = 'payout' AND e.claimID IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ledgerEntry r WHERE r.reversesEntryID = e.id)
            GROUP BY e.claimID HAVING COUNT(*) > 1 ORDER BY e.claimID
            """)
        while let row = try twice.next() {
            findings.add("claim \(row[0] as Int64): paid \(row[1] as Int) times (payout entries \(row[2] as String))")
        }
        let perClaim = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.approvedAmount, pl.perClaimCap * p.shares, pl.code, p.shares
            FROM claim c JOIN policy p ON p.id = c.policyID JOIN plan pl ON pl.code = c.planCode
            WHERE c.status IN ('approved', 'paid') AND pl.perClaimCap IS NOT NULL
              AND c.approvedAmount > pl.perClaimCap * p.shares
            ORDER BY c.id
            """)
        while let row = try perClaim.next() {
            findings.add("claim \(row[0] as Int64): approved \(Money(fen: row[1])) over the per-claim cap "
                         + "\(Money(fen: row[2])) (plan \(row[3] as String), \(shares(row[4])))")
        }
        let perTerm = try Row.fetchCursor(db, sql: """
            SELECT c.memberID, t.label, pl.code, SUM(c.approvedAmount), MAX(pl.perTermCap * p.shares), MAX(p.shares),
                   GROUP_CONCAT(c.id, ', ')
            FROM claim c JOIN policy p ON p.id = c.policyID JOIN plan pl ON pl.code = c.planCode
            JOIN planTerm t ON t.id = c.planTermID
            WHERE c.status IN ('approved', 'paid') AND pl.perTermCap IS NOT NULL
            GROUP BY c.memberID, c.planTermID
            HAVING SUM(c.approvedAmount) > MAX(pl.perTermCap * p.shares)
            ORDER BY c.memberID, c.planTermID
            """)
        while let row = try perTerm.next() {
            findings.add("member \(row[0] as Int64) plan \(row[2] as String) term \(row[1] as String): approved "
                         + "\(Money(fen: row[3])) over the per-term cap \(Money(fen: row[4])) (\(shares(row[5])); "
                         + "claims \(row[6] as String))")
        }
    }

    private func shares(_ count: Int) -> String { count == 1 ? "1 share" : "\(count) shares" }
}
