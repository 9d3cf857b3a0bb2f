import GRDB

/// What an entry records.
public enum LedgerEntryKind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// A policy's contribution received, by payer: Dr fund:cash, Cr contributions:*.
    case contribution
    /// A cancelled policy's contribution refunded: the contribution reversed.
    case refund
    /// A claim's benefit paid: Dr benefits:paid, Cr fund:cash.
    case payout
    /// A correction: another entry reversed.
    case reversal
    /// A re-split of a policy's contribution between its payers: the
    /// difference per payer part moved between the contribution accounts
    /// (Dr the parts that shrink, Cr the parts that grow; total unchanged).
    case adjustment
}

/// One journal entry of the fund (`ledgerEntry` table), append-only: the
/// database refuses UPDATE and DELETE. Corrections are reversing entries.
///
/// Every entry belongs to a policy or a claim (both for a payout) and to
/// the unit of that policy, which scoped reads use.
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
    /// The unit of the policy or claim.
    public var unitCode: String
    /// The instant, UTC ISO-8601 with milliseconds.
    public var at: String
    /// The operator.
    public var operatorName: String
    /// The script, if one posted it, and its hash.
    public var scriptName: String?
    public var scriptSHA256: String?

    enum CodingKeys: String, CodingKey {
        case id, entryDate, kind, memo, policyID, claimID, reversesEntryID, unitCode, at
        case operatorName = "operator", scriptName, scriptSHA256
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
