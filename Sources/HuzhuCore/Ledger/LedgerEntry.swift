import GRDB

/// What an entry records.
public enum LedgerEntryKind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// A policy's contribution billed to its unit, by payer: Dr receivable:contributions, Cr contributions:*.
    case contribution
    /// A cancelled policy's contribution refunded: Dr contributions:*, Cr receivable:contributions
    /// (the unpaid part of its bill) and refunds:payable (the rest).
    case refund
    /// A claim's benefit paid out of the payable: Dr benefits:payable, Cr fund:cash
    /// (before issue 16: Dr benefits:paid, Cr fund:cash).
    case payout
    /// A correction: another entry reversed.
    case reversal
    /// Money received from the bank: Dr fund:cash, Cr receivable:contributions (applied to bills)
    /// and receipts:unapplied (unknown payer, surplus).
    case receipt
    /// Held money applied to a unit's bills: Dr receipts:unapplied, Cr receivable:contributions.
    case application
    /// Contributions posted to fund:cash before bills existed, billed by the migration
    /// `createBillsAndReceipts`: Dr receivable:contributions, Cr fund:cash.
    case migration
    /// A claim's benefit approved (or a further amount approved): Dr benefits:paid, Cr benefits:payable;
    /// the approval withdrawn when an approved claim is reopened before it is paid: the lines swapped.
    case approval
    /// A reopened claim's lower decision after payment: Dr members:owe, Cr benefits:paid;
    /// an owed amount cancelled by a later, higher decision: the lines swapped.
    case owed
    /// A member's repayment of an owed amount: Dr fund:cash, Cr members:owe.
    case repayment
    /// A re-split of a policy's contribution between its payers: the
    /// difference per payer part moved between the contribution accounts
    /// (Dr the parts that shrink, Cr the parts that grow; total unchanged).
    case adjustment
}

/// One journal entry of the fund (`ledgerEntry` table), append-only: the
/// database refuses UPDATE and DELETE. Corrections are reversing entries.
///
/// Every entry belongs to a policy, a claim (both for a payout) or a
/// receipt, and to a unit (the policy's, or the remitting unit's), which
/// scoped reads use. A contribution entry (and its refund or reversal)
/// names the bill it was charged on.
public struct LedgerEntry: Hashable, Sendable, Codable {
    /// The row id, increasing.
    public var id: Int64?
    /// The business date of the entry.
    public var entryDate: CivilDate
    /// What it records.
    public var kind: LedgerEntryKind
    /// A memo, e.g. `contribution of policy 12 (ACC 2012)`.
    public var memo: String
    /// The policy it belongs to.
    public var policyID: Int64?
    /// The claim it belongs to.
    public var claimID: Int64?
    /// The entry it reverses (refunds and reversals).
    public var reversesEntryID: Int64?
    /// The unit of the policy or claim; the payer of a receipt (the scope's root unit when unknown).
    public var unitCode: String
    /// The instant, UTC ISO-8601 with milliseconds.
    public var at: String
    /// The operator.
    public var operatorName: String
    /// The script, if one posted it, and its hash.
    public var scriptName: String?
    public var scriptSHA256: String?
    /// The bill a contribution (or its refund, reversal, migration) is charged on.
    public var billID: Int64? = nil
    /// The receipt a receipt or application entry records.
    public var receiptID: Int64? = nil

    enum CodingKeys: String, CodingKey {
        case id, entryDate, kind, memo, policyID, claimID, reversesEntryID, unitCode, at
        case operatorName = "operator", scriptName, scriptSHA256, billID, receiptID
    }
}

extension LedgerEntry: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "ledgerEntry"

    /// The columns of the `ledgerEntry` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let entryDate = Column(CodingKeys.entryDate)
        public static let kind = Column(CodingKeys.kind)
        public static let policyID = Column(CodingKeys.policyID)
        public static let claimID = Column(CodingKeys.claimID)
        public static let reversesEntryID = Column(CodingKeys.reversesEntryID)
        public static let billID = Column(CodingKeys.billID)
        public static let receiptID = Column(CodingKeys.receiptID)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One line of an entry (`ledgerLine` table): an account and a debit or a
/// credit, never both, more than 0.
public struct LedgerLine: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The entry.
    public var entryID: Int64
    /// The account.
    public var account: LedgerAccount
    /// The debit, or 0.
    public var debit: Money
    /// The credit, or 0.
    public var credit: Money

    /// A debit line (entry id set on posting).
    public static func debit(_ account: LedgerAccount, _ amount: Money) -> LedgerLine {
        LedgerLine(id: nil, entryID: 0, account: account, debit: amount, credit: .zero)
    }

    /// A credit line (entry id set on posting).
    public static func credit(_ account: LedgerAccount, _ amount: Money) -> LedgerLine {
        LedgerLine(id: nil, entryID: 0, account: account, debit: .zero, credit: amount)
    }
}

extension LedgerLine: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "ledgerLine"

    /// The columns of the `ledgerLine` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let entryID = Column(CodingKeys.entryID)
        public static let account = Column(CodingKeys.account)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// An entry with its lines.
public struct LedgerEntryDetail: Hashable, Sendable {
    /// The entry.
    public var entry: LedgerEntry
    /// Its lines, in posting order (debits first).
    public var lines: [LedgerLine]

    /// Σ debits.
    public var debits: Money { Money(fen: lines.reduce(0) { $0 + $1.debit.fen }) }
    /// Σ credits.
    public var credits: Money { Money(fen: lines.reduce(0) { $0 + $1.credit.fen }) }
}

/// Which entries a journal listing covers. Unset fields do not filter.
public struct LedgerFilter: Hashable, Sendable {
    /// Entries on or after this day.
    public var from: CivilDate?
    /// Entries on or before this day.
    public var to: CivilDate?
    /// Entries with a line on this account.
    public var account: LedgerAccount?
    /// Only this kind.
    public var kind: LedgerEntryKind?
    /// Entries of this policy.
    public var policyID: Int64?
    /// Entries of this claim.
    public var claimID: Int64?
    /// Entries of this unit's subtree (within the scope).
    public var unit: String?

    /// Creates a filter.
    public init(from: CivilDate? = nil, to: CivilDate? = nil, account: LedgerAccount? = nil, kind: LedgerEntryKind? = nil,
                policyID: Int64? = nil, claimID: Int64? = nil, unit: String? = nil) {
        self.from = from
        self.to = to
        self.account = account
        self.kind = kind
        self.policyID = policyID
        self.claimID = claimID
        self.unit = unit
    }
}

/// One account's totals.
public struct AccountBalance: Hashable, Sendable {
    /// The account.
    public var account: LedgerAccount
    /// Σ debits.
    public var debits: Money
    /// Σ credits.
    public var credits: Money
    /// The balance on the account's normal side (debits − credits for
    /// assets and expenses, credits − debits for income).
    public var balance: Money {
        account.normalSide == .debit ? Money(fen: debits.fen - credits.fen) : Money(fen: credits.fen - debits.fen)
    }
}
