import GRDB

/// How a bill came about.
public enum BillKind: String, Hashable, Sendable, Codable, DatabaseValueConvertible {
    /// One group-enrolment batch.
    case batch
    /// The single enrolments of one unit on one day.
    case daily
    /// Contributions posted before bills existed (migration `createBillsAndReceipts`).
    case migrated
}

/// A bill (缴费通知) to a remitting unit (`bill` table, append-only): the
/// contributions its entries charge to `receivable:contributions`, due
/// ``dueOn``. What is still open is the charge less its settlements.
public struct Bill: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The remitting unit billed.
    public var unitCode: String
    /// How it came about.
    public var kind: BillKind
    /// The enrolment batch of a `batch` bill.
    public var batchID: Int64?
    /// The day it was issued (the enrolment day).
    public var issuedOn: CivilDate
    /// The day it is due: issued + `[money] due_days`.
    public var dueOn: CivilDate
    /// The instant, UTC ISO-8601 with milliseconds.
    public var at: String
    /// The operator.
    public var operatorName: String

    enum CodingKeys: String, CodingKey {
        case id, unitCode, kind, batchID, issuedOn, dueOn, at, operatorName = "operator"
    }
}

extension Bill: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "bill"

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Money received from the bank (`receipt` table, append-only): the
/// statement's day, payer and reference. Its ledger entry applies it to the
/// payer's oldest open bills; what is left is held in `receipts:unapplied`.
public struct Receipt: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The day the bank received it.
    public var receivedOn: CivilDate
    /// The paying unit, nil when the payer is no unit.
    public var unitCode: String?
    /// The payer as the statement names it.
    public var payer: String
    /// The amount.
    public var amount: Money
    /// The bank's reference, unique.
    public var reference: String
    /// Whether the migration made it (contributions posted before bills).
    public var migrated: Bool
    /// Why money was held in `receipts:unapplied` on receipt: 910 (payer is no unit), 911 (more than owed).
    public var heldCode: Int?
    /// The instant, UTC ISO-8601 with milliseconds.
    public var at: String
    /// The operator.
    public var operatorName: String
    /// The script, if one recorded it, and its hash.
    public var scriptName: String?
    public var scriptSHA256: String?

    enum CodingKeys: String, CodingKey {
        case id, receivedOn, unitCode, payer, amount, reference, migrated, heldCode, at, operatorName = "operator"
        case scriptName, scriptSHA256
    }
}

extension Receipt: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "receipt"

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// What a receipt (or a refund against an unpaid bill) took off one bill,
/// by payer part (`billSettlement` table, append-only).
public struct BillSettlement: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The bill.
    public var billID: Int64
    /// The entry that credited `receivable:contributions`.
    public var entryID: Int64
    /// The receipt applied; nil for a refund.
    public var receiptID: Int64?
    /// The amount taken off.
    public var amount: Money
    /// Its share per payer part (adds up to ``amount``).
    public var administration: Money
    public var union: Money
    public var member: Money

    /// The parts as a split.
    public var parts: ContributionSplit { ContributionSplit(administration: administration, union: union, member: member) }
}

extension BillSettlement: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "billSettlement"

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A bill with what is still open on it, by payer part.
public struct OpenBill: Hashable, Sendable {
    /// The bill.
    public var bill: Bill
    /// What its entries charged.
    public var charged: Money
    /// What settlements took off.
    public var settled: Money
    /// What is still open, by payer part (adds up to ``open``).
    public var openParts: ContributionSplit
    /// charged − settled.
    public var open: Money { Money(fen: charged.fen - settled.fen) }
}
