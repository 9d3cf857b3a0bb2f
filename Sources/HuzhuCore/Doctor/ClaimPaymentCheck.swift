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
        try DoctorStore.paidClaimsWithoutPayment(db) { id in
            findings.add("claim \(id): status paid but no claimPayment row")
        }
        try DoctorStore.paymentsNotAsApproved(db) { id, fen, status, approved in
            let amount = Money(fen: fen)
            if status != "paid" {
                findings.add("claim \(id): claimPayment of \(amount) but status \(status ?? "missing")")
            } else if let approved {
                let over = amount.fen - approved
                findings.add("claim \(id): paid \(amount), approved \(Money(fen: approved)) "
                             + "(\(over > 0 ? "over" : "under") by \(Money(fen: abs(over))))")
            }
        }
        try DoctorStore.claimsPaidTwice(db) { id, count, entries in
            findings.add("claim \(id): paid \(count) times (payout entries \(entries))")
        }
        try DoctorStore.claimsOverPerClaimCap(db) { id, approved, cap, planCode, shares in
            findings.add("claim \(id): approved \(Money(fen: approved)) over the per-claim cap "
                         + "\(Money(fen: cap)) (plan \(planCode), \(self.shares(shares)))")
        }
        try DoctorStore.termsOverPerTermCap(db) { term in
            findings.add("member \(term.memberID) plan \(term.planCode) term \(term.termLabel): approved "
                         + "\(Money(fen: term.approved)) over the per-term cap \(Money(fen: term.cap)) (\(shares(term.shares)); "
                         + "claims \(term.claimIDs))")
        }
    }

    private func shares(_ count: Int) -> String { count == 1 ? "1 share" : "\(count) shares" }
}
