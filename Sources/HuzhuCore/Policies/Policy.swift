import GRDB

/// One member's enrollment (参保) in one plan term. Stored in the `policy`
/// table.
///
/// The contribution is the plan's price per share times the shares; the
/// split says who pays it and always adds up (the table checks it too).
/// Cover starts on the term's start, or on the enrollment day for a member
/// who joins after the term started, and ends with the term.
/// ``unitCode`` is the member's unit when enrolled: the unit that enrolled
/// and paid, which scope and unit filters use even if the member moves.
public struct Policy: Hashable, Sendable {
    /// The row id.
    public var id: Int64?
    /// The member's row id.
    public var memberID: Int64
    /// The plan term's row id.
    public var planTermID: Int64
    /// The plan's code (from the term).
    public var planCode: String
    /// The term's year (its start's calendar year).
    public var year: Int
    /// The enrolling unit.
    public var unitCode: String
    /// Shares held, 1 to the plan's maximum.
    public var shares: Int
    /// The first covered day.
    public var startDate: CivilDate
    /// The last covered day (the term's end).
    public var endDate: CivilDate
    /// Price per share × shares.
    public var contribution: Money
    /// Who pays the contribution.
    public var split: ContributionSplit
    /// The group enrollment that made this policy, if any.
    public var batchID: Int64?
    /// Active, cancelled or expired.
    public var status: PolicyStatus
    /// The day of enrollment.
    public var enrolledOn: CivilDate
    /// Who decided it.
    public var provenance: Provenance
    /// The last covered day of a cancelled policy (incidents after it are
    /// not claimable); `nil` unless cancelled by ``EnrollmentService/cancel(_:policyID:on:reason:context:)``.
    public var cancelledOn: CivilDate?
    /// Why it was cancelled (退保原因), e.g. `deceased`.
    public var cancelReason: String?
    /// What was refunded to each payer when it was cancelled (all zero if nothing).
    public var refund: ContributionSplit = .zero

    /// Creates a policy value; enroll with ``EnrollmentService`` instead, which validates.
    public init(id: Int64? = nil, memberID: Int64, planTermID: Int64, planCode: String, year: Int, unitCode: String,
                shares: Int, startDate: CivilDate, endDate: CivilDate, contribution: Money, split: ContributionSplit,
                batchID: Int64? = nil, status: PolicyStatus = .active, enrolledOn: CivilDate, provenance: Provenance) {
        self.id = id
        self.memberID = memberID
        self.planTermID = planTermID
        self.planCode = planCode
        self.year = year
        self.unitCode = unitCode
        self.shares = shares
        self.startDate = startDate
        self.endDate = endDate
        self.contribution = contribution
        self.split = split
        self.batchID = batchID
        self.status = status
        self.enrolledOn = enrolledOn
        self.provenance = provenance
    }
}

extension Policy: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "policy"

    /// The columns of the `policy` table.
    public enum Columns {
        public static let id = Column("id")
        public static let memberID = Column("memberID")
        public static let planTermID = Column("planTermID")
        public static let planCode = Column("planCode")
        public static let year = Column("year")
        public static let unitCode = Column("unitCode")
        public static let shares = Column("shares")
        public static let startDate = Column("startDate")
        public static let endDate = Column("endDate")
        public static let contribution = Column("contribution")
        public static let splitAdministration = Column("splitAdministration")
        public static let splitUnion = Column("splitUnion")
        public static let splitMember = Column("splitMember")
        public static let batchID = Column("batchID")
        public static let status = Column("status")
        public static let enrolledOn = Column("enrolledOn")
        public static let operatorName = Column("operator")
        public static let scriptName = Column("scriptName")
        public static let scriptSHA256 = Column("scriptSHA256")
        public static let cancelledOn = Column("cancelledOn")
        public static let cancelReason = Column("cancelReason")
        public static let refundAdministration = Column("refundAdministration")
        public static let refundUnion = Column("refundUnion")
        public static let refundMember = Column("refundMember")
    }

    /// Reads a policy row.
    public init(row: Row) throws {
        id = row[Columns.id]
        memberID = row[Columns.memberID]
        planTermID = row[Columns.planTermID]
        planCode = row[Columns.planCode]
        year = row[Columns.year]
        unitCode = row[Columns.unitCode]
        shares = row[Columns.shares]
        startDate = row[Columns.startDate]
        endDate = row[Columns.endDate]
        contribution = row[Columns.contribution]
        split = ContributionSplit(administration: row[Columns.splitAdministration], union: row[Columns.splitUnion],
                                  member: row[Columns.splitMember])
        batchID = row[Columns.batchID]
        status = row[Columns.status]
        enrolledOn = row[Columns.enrolledOn]
        provenance = Provenance(operatorName: row[Columns.operatorName], scriptName: row[Columns.scriptName],
                                scriptSHA256: row[Columns.scriptSHA256])
        cancelledOn = row[Columns.cancelledOn]
        cancelReason = row[Columns.cancelReason]
        refund = ContributionSplit(administration: row[Columns.refundAdministration] ?? .zero,
                                   union: row[Columns.refundUnion] ?? .zero, member: row[Columns.refundMember] ?? .zero)
    }

    /// Writes a policy row.
    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.memberID] = memberID
        container[Columns.planTermID] = planTermID
        container[Columns.planCode] = planCode
        container[Columns.year] = year
        container[Columns.unitCode] = unitCode
        container[Columns.shares] = shares
        container[Columns.startDate] = startDate
        container[Columns.endDate] = endDate
        container[Columns.contribution] = contribution
        container[Columns.splitAdministration] = split.administration
        container[Columns.splitUnion] = split.union
        container[Columns.splitMember] = split.member
        container[Columns.batchID] = batchID
        container[Columns.status] = status
        container[Columns.enrolledOn] = enrolledOn
        container[Columns.operatorName] = provenance.operatorName
        container[Columns.scriptName] = provenance.scriptName
        container[Columns.scriptSHA256] = provenance.scriptSHA256
        container[Columns.cancelledOn] = cancelledOn
        container[Columns.cancelReason] = cancelReason
        container[Columns.refundAdministration] = refund.administration
        container[Columns.refundUnion] = refund.union
        container[Columns.refundMember] = refund.member
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
