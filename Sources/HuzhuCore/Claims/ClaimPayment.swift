import GRDB

/// How a benefit was paid.
public enum PaymentMethod: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// A transfer to the member's bank card (银行转账).
    case bankTransfer
    /// Cash (现金).
    case cash
    /// A cheque (支票).
    case cheque

    /// Parses a method from its name.
    ///
    /// - Throws: ``ValidationFailure`` E619.
    public init(parsing text: String, field: String = "method") throws {
        guard let method = PaymentMethod(rawValue: text) else {
            throw ValidationFailure(.paymentMethodInvalid, field: field, value: .plain(text),
                                    ["text": text, "expected": PaymentMethod.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        self = method
    }
}

/// A payout of an approved claim (赔付), as given to
/// ``ClaimService/pay(_:claimID:_:context:)`` and stored in `claimPayment`
/// (one row per claim at most: the table refuses a second).
///
/// ```swift
/// ClaimPayment(amount: Money(fen: 280_000), method: .bankTransfer, reference: "BK20121001-7",
///              paidOn: try CivilDate(parsing: "2012-10-01"))
/// ```
public struct ClaimPayment: Hashable, Sendable, Codable {
    /// The claim's row id (set by the service).
    public var claimID: Int64?
    /// The amount; it must equal the approved amount (E618).
    public var amount: Money
    /// How it was paid.
    public var method: PaymentMethod
    /// The bank or voucher reference; required.
    public var reference: String
    /// The payment date: not before the approval (E620), not after today (E309).
    public var paidOn: CivilDate
    /// The ledger entry that records it (set by the service).
    public var ledgerEntryID: Int64?
    /// Who paid it (set by the service).
    public var operatorName: String?

    enum CodingKeys: String, CodingKey {
        case claimID, amount, method, reference, paidOn, ledgerEntryID, operatorName = "operator"
    }

    /// Creates a payment.
    public init(amount: Money, method: PaymentMethod, reference: String, paidOn: CivilDate) {
        self.amount = amount
        self.method = method
        self.reference = reference
        self.paidOn = paidOn
    }
}

extension ClaimPayment: FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "claimPayment"

    /// The columns of the `claimPayment` table.
    public enum Columns {
        public static let claimID = Column(CodingKeys.claimID)
        public static let amount = Column(CodingKeys.amount)
        public static let paidOn = Column(CodingKeys.paidOn)
    }
}
