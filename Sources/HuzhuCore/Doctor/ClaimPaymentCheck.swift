import GRDB

/// No claim paid twice or over what was approved, and no approval over the
/// plan's caps.
///
/// - a paid claim has its payment row, and a payment row belongs to a claim
///   past its report; further payments and owed amounts (``ClaimAdjustment``)
///   belong to a claim with a payment row;
/// - what a claim's member keeps (its payments less what is owed back)
///   equals the approved amount of a paid claim, nothing for a rejected one,
///   and less than approved for one approved for more after a reopening;
/// - at most one live payout entry per payment (the first and each further one);
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
        try DoctorStore.adjustmentsWithoutPayment(db) { id in
            findings.add("claim \(id): further payments or owed amounts but no claimPayment row")
        }
        try DoctorStore.paymentsNotAsApproved(db) { id, fen, status, approved in
            let settled = Money(fen: fen)
            switch status {
            case "paid":
                let over = settled.fen - (approved ?? 0)
                // "paid" is net of what the member owes back after a lower 复核.
                findings.add("claim \(id): paid \(settled), approved "
                             + "\(Money(fen: approved ?? 0)) (\(over > 0 ? "over" : "under") by \(Money(fen: abs(over))))")
            case "rejected":
                findings.add("claim \(id): rejected but \(settled) paid and not owed back")
            case "approved":
                findings.add("claim \(id): approved \(Money(fen: approved ?? 0)) but \(settled) paid already and status not paid")
            default:
                findings.add("claim \(id): claimPayment of \(settled) but status \(status ?? "missing")")
            }
        }
        try DoctorStore.claimsPaidTwice(db) { id, count, payments, entries in
            findings.add(payments == 1 ? "claim \(id): paid \(count) times (payout entries \(entries))"
                         : "claim \(id): \(count) payout entries for \(payments) payments (payout entries \(entries))")
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
