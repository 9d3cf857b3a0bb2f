import GRDB

/// One review round of a claim (`claimReview` table): opened when review
/// begins or the claim is reopened, closed by the decision.
///
/// An approval keeps the benefit computed at the time (base, deductible,
/// ratio, before caps, cap applied, amount), any top-up proposal (proposed,
/// capped, rule and its hash) and the amount approved, so the decision can
/// be explained later.
public struct ClaimReview: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The claim.
    public var claimID: Int64
    /// 1 for the first review, 2 after the first reopening, …
    public var round: Int
    /// The business date the round opened.
    public var openedOn: CivilDate
    /// Who opened it.
    public var openedBy: String
    /// Why it was opened (the reopening reason), if said.
    public var openNote: String?
    /// `approved` or `rejected`; `nil` while open.
    public var decision: ClaimStatus?
    /// The business date of the decision.
    public var decidedOn: CivilDate?
    /// Who decided.
    public var decidedBy: String?
    /// The rejection's reason.
    public var rejectionReason: ClaimRejectionReason?
    /// The decision's note.
    public var note: String?
    /// The benefit the core computed at approval.
    public var computedBase: Money?
    public var deductible: Money?
    public var paymentRatio: Int?
    public var beforeCaps: Money?
    public var capApplied: BenefitCap?
    public var computedAmount: Money?
    /// A top-up rule's proposal, as proposed and as capped.
    public var topUpProposed: Money?
    public var topUpCapped: Money?
    public var topUpRule: String?
    public var topUpRuleSHA256: String?
    public var topUpNote: String?
    /// The amount approved.
    public var approvedAmount: Money?
    /// The script that decided, if any, and its hash.
    public var scriptName: String?
    public var scriptSHA256: String?
}

extension ClaimReview: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "claimReview"

    /// The columns of the `claimReview` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let claimID = Column(CodingKeys.claimID)
        public static let round = Column(CodingKeys.round)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
