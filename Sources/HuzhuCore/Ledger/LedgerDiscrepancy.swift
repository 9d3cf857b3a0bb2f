/// One way the books fail to agree, as found by ``LedgerService/check(_:detailLimit:)``:
/// what it is about, the ledger's figure, the figure it should match and
/// where that comes from.
///
/// ```swift
/// discrepancy.description
/// // "account contributions:member: ledger 26.00, policies 52.00 (differs by -26.00)"
/// ```
public struct LedgerDiscrepancy: Hashable, Sendable, CustomStringConvertible {
    /// What kind of disagreement.
    public enum Kind: String, Hashable, Sendable {
        /// An entry whose debits differ from its credits.
        case unbalancedEntry
        /// A contribution account against the policies' splits for that payer.
        case contributionAccount
        /// A claim account (benefits:paid, benefits:payable, members:owe) against the claims.
        case benefitsAccount
        /// One policy's posted contribution for one payer against its split.
        case policyContribution
        /// One claim's posting on a claim account against what the claim says.
        case claimPayout
        /// One unit's receivable:contributions against its bills less what settled them.
        case unitReceivable
        /// receipts:unapplied against the receipts less what was applied from them.
        case unappliedAccount
        /// fund:cash against the receipts less the benefits paid.
        case cashAccount
        /// An entry dated in a closed period but posted after the closing (only possible past the trigger).
        case closedPeriodEntry
    }

    /// What kind of disagreement.
    public var kind: Kind
    /// What it is about: `entry 12`, `account contributions:member`,
    /// `policy 7 contributions:union`, `claim 3 benefits:paid`, `unit LY receivable:contributions`.
    public var subject: String
    /// The ledger's figure (for an unbalanced entry, its debits).
    public var ledger: Money
    /// The figure it should equal (for an unbalanced entry, its credits).
    public var expected: Money
    /// Where ``expected`` comes from: `credits`, `policies`, `policy`, `claims`, `claim`, `payment`,
    /// `approved − paid`, `owed − repaid`, `bills − settled`, `receipts − applied`, `receipts − paid claims`.
    public var source: String

    /// ledger − expected.
    public var difference: Money { Money(fen: ledger.fen - expected.fen) }

    /// `"<subject>: ledger <amount>, <source> <amount> (differs by <amount>)"`;
    /// for an entry `"entry 12: debits 26.00, credits 20.00 (differs by 6.00)"`.
    public var description: String {
        let ledgerLabel = kind == .unbalancedEntry ? "debits" : "ledger"
        return "\(subject): \(ledgerLabel) \(ledger), \(source) \(expected) (differs by \(difference))"
    }
}

/// What ``LedgerService/check(_:detailLimit:)`` found.
public struct LedgerCheckReport: Hashable, Sendable, CustomStringConvertible {
    /// The discrepancies: unbalanced entries, then accounts, then policies, then claims.
    public var discrepancies: [LedgerDiscrepancy]
    /// Per-record discrepancies (entries, policies, claims) left out past the detail limit.
    public var omitted: Int
    /// The number of entries checked.
    public var entriesChecked: Int

    /// Whether the books balance and agree with the policies and claims.
    public var isClean: Bool { discrepancies.isEmpty && omitted == 0 }

    /// One line per discrepancy, then `… and N more` if some were left out;
    /// `"ledger ok: N entries balance and agree with policies and claims"` when clean.
    public var description: String {
        if isClean { return "ledger ok: \(entriesChecked) entries balance and agree with policies and claims" }
        var lines = discrepancies.map(\.description)
        if omitted > 0 { lines.append("… and \(omitted) more") }
        return lines.joined(separator: "\n")
    }
}
