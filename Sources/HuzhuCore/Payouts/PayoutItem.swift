import GRDB

/// Where one claim's payment in a bank batch stands.
public enum PayoutItemStatus: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// In the file sent to the bank, waiting for its answer (the claim stays approved and cannot be paid otherwise).
    case sent
    /// The bank paid it: the claim is paid (Dr benefits:payable, Cr fund:cash on the bank's date).
    case paid
    /// The bank could not pay it (a closed account …): the claim waits for the next batch.
    case failed
}

/// One claim's payment in a payout batch (`payoutItem` table). The account
/// is kept masked only: the full number was in the file sent to the bank.
public struct PayoutItem: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The batch.
    public var batchID: Int64
    /// The claim.
    public var claimID: Int64
    /// The reference the bank answers with: `P<batch>-<claim>`.
    public var reference: String
    /// Who is paid: the claim's other payee, else the member.
    public var payee: String
    /// The account, masked (`6222 **** **** 7894`).
    public var accountMasked: String
    /// The amount: what the claim still has payable.
    public var amount: Money
    /// Sent, paid or failed.
    public var status: PayoutItemStatus
    /// The bank's date of its answer.
    public var answeredOn: CivilDate?
    /// The bank's message (why it failed).
    public var message: String?
}

extension PayoutItem: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "payoutItem"

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A file of payments sent to the bank (`payoutBatch` table).
public struct PayoutBatch: Hashable, Sendable, Codable {
    /// The row id: the batch number.
    public var id: Int64?
    /// The day it was sent.
    public var sentOn: CivilDate
    /// The file written, as given.
    public var file: String
    /// How many claims.
    public var count: Int
    /// Their total.
    public var total: Money
    /// The top unit of the scoped run that sent it; `nil` for the whole federation.
    public var scopeUnit: String?
    /// The instant, UTC ISO-8601 with milliseconds.
    public var at: String
    /// The operator.
    public var operatorName: String
    /// The script, if one sent it, and its hash.
    public var scriptName: String?
    public var scriptSHA256: String?

    enum CodingKeys: String, CodingKey {
        case id, sentOn, file, count, total, scopeUnit, at, operatorName = "operator", scriptName, scriptSHA256
    }
}

extension PayoutBatch: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "payoutBatch"

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A batch sent: the batch and its items (accounts masked).
public struct PayoutBatchResult: Hashable, Sendable {
    /// The batch.
    public var batch: PayoutBatch
    /// Its claims' payments, by claim id.
    public var items: [PayoutItem]
}

/// What the bank's answer settled.
public struct PayoutReconciliation: Hashable, Sendable {
    /// The payments the bank made: their claims are paid.
    public var paid: [PayoutItem]
    /// The payments the bank could not make, with its message: their claims wait for the next batch.
    public var failed: [PayoutItem]

    /// Σ paid.
    public var paidTotal: Money { Money(fen: paid.reduce(0) { $0 + $1.amount.fen }) }
}

/// A payee's bank account as shown: the number masked.
public struct PayeeAccount: Hashable, Sendable {
    /// The payee's name (a member's own account: the member's name).
    public var name: String
    /// The bank (开户行).
    public var bank: String
    /// The account number, masked (`6222 **** **** 7894`).
    public var account: String
    /// Whether it is the claim's own payee rather than the member's account.
    public var otherPayee: Bool
}
