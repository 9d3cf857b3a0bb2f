import GRDB

/// A member's repayment of an amount owed back on a reopened claim (退回款),
/// `claimRepayment` table, append-only: posted Dr fund:cash, Cr members:owe.
///
/// ```swift
/// ClaimRepayment(amount: Money(fen: 20_000), method: .cash, reference: "收据 0012",
///                on: try CivilDate(parsing: "2026-11-02"))
/// ```
public struct ClaimRepayment: Hashable, Sendable, Codable {
    /// The row id (set by the service).
    public var id: Int64?
    /// The claim (set by the service).
    public var claimID: Int64?
    /// The amount repaid, more than 0, at most what is still owed back (E930).
    public var amount: Money
    /// The day the money came in: not after today (E309).
    public var on: CivilDate
    /// How it came in.
    public var method: PaymentMethod
    /// The bank or receipt reference; required (E802).
    public var reference: String
    /// The ledger entry (set by the service).
    public var ledgerEntryID: Int64?
    /// Who recorded it (set by the service).
    public var operatorName: String?

    enum CodingKeys: String, CodingKey {
        case id, claimID, amount, on, method, reference, ledgerEntryID, operatorName = "operator"
    }

    /// Creates a repayment.
    public init(amount: Money, method: PaymentMethod, reference: String, on: CivilDate) {
        self.amount = amount
        self.method = method
        self.reference = reference
        self.on = on
    }
}

extension ClaimRepayment: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "claimRepayment"

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
