import GRDB

/// What a later decision of a claim already paid settled (`claimAdjustment`
/// table, append-only).
///
/// A paid claim may be reopened (复核). When its new decision differs from
/// what the member has been paid so far, the difference is never taken back
/// from the bank payment: a higher amount is paid as a further payment
/// (``furtherPayment``, with its own payout in the ledger), a lower amount
/// (or a rejection) is recorded as an amount the member owes back
/// (``owed``), and a later decision that raises the amount again first
/// cancels what is still owed (``owedCancelled``).
public enum ClaimAdjustmentKind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// A further payment of the difference (补付), posted to the ledger.
    case furtherPayment
    /// An amount the member owes back (应退回).
    case owed
    /// Part of an owed amount cancelled by a higher decision.
    case owedCancelled

    /// The Chinese name.
    public var chinese: String {
        switch self {
        case .furtherPayment: return "补付"
        case .owed: return "应退回"
        case .owedCancelled: return "撤销应退回"
        }
    }
}

/// One row of a claim's adjustments: see ``ClaimAdjustmentKind``.
public struct ClaimAdjustment: Hashable, Sendable, Codable {
    /// The row id, increasing.
    public var id: Int64?
    /// The claim.
    public var claimID: Int64
    /// The review round whose decision made it.
    public var round: Int
    /// What it records.
    public var kind: ClaimAdjustmentKind
    /// The amount, more than 0.
    public var amount: Money
    /// The business date (the payment date of a further payment, else the decision's).
    public var on: CivilDate
    /// How a further payment was paid.
    public var method: PaymentMethod?
    /// A further payment's bank or voucher reference.
    public var reference: String?
    /// A further payment's ledger entry.
    public var ledgerEntryID: Int64?
    /// Who recorded it.
    public var operatorName: String
    /// What it is for, e.g. `review round 2 approved 800.00; paid 1,000.00 so far`.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case id, claimID, round, kind, amount, on, method, reference, ledgerEntryID, operatorName = "operator", note
    }
}

extension ClaimAdjustment: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "claimAdjustment"

    /// The columns of the `claimAdjustment` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let claimID = Column(CodingKeys.claimID)
        public static let kind = Column(CodingKeys.kind)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Where a claim's money stands: paid so far (the first payment and any
/// further ones) and owed back, net of cancellations.
public struct ClaimMoney: Hashable, Sendable {
    /// Σ payments.
    public var paid: Money
    /// Σ owed − Σ owed cancelled.
    public var owed: Money
    /// Σ repaid by the member (``ClaimRepayment``).
    public var repaid: Money

    /// Creates a position.
    public init(paid: Money = .zero, owed: Money = .zero, repaid: Money = .zero) {
        self.paid = paid
        self.owed = owed
        self.repaid = repaid
    }

    /// What the member still owes back: owed − repaid.
    public var outstanding: Money { Money(fen: owed.fen - repaid.fen) }

    /// What the member keeps: paid − owed.
    public var settled: Money { Money(fen: paid.fen - owed.fen) }

    /// The position of a claim's first payment and adjustments.
    public init(payment: ClaimPayment?, adjustments: [ClaimAdjustment], repaid: Money = .zero) {
        var paid = payment?.amount.fen ?? 0, owed: Int64 = 0
        for adjustment in adjustments {
            switch adjustment.kind {
            case .furtherPayment: paid += adjustment.amount.fen
            case .owed: owed += adjustment.amount.fen
            case .owedCancelled: owed -= adjustment.amount.fen
            }
        }
        self.init(paid: Money(fen: paid), owed: Money(fen: owed), repaid: repaid)
    }

    /// What a new decision for `target` (the amount approved, 0 for a
    /// rejection) settles: an owed amount cancelled, an amount still to
    /// pay, or an amount owed back. At most one of `cancel` and `owe` is
    /// above 0, and `toPay` is above 0 only when nothing is owed any more
    /// (an owed amount already repaid is not cancelled: the member is paid again).
    public func settling(_ target: Money) -> (cancel: Money, toPay: Money, owe: Money) {
        let difference = target.fen - settled.fen
        if difference >= 0 {
            let cancel = min(difference, outstanding.fen)
            return (Money(fen: cancel), Money(fen: difference - cancel), .zero)
        }
        return (.zero, .zero, Money(fen: -difference))
    }
}

/// An amount a member owes back on a claim, as listed by ``ClaimService/owed(_:)``.
public struct OwedClaim: Hashable, Sendable {
    /// The claim.
    public var claim: Claim
    /// The member's resident ID.
    public var residentID: ResidentID
    /// Paid so far, and owed back.
    public var money: ClaimMoney
    /// The day the owed amount was last recorded.
    public var since: CivilDate
}
