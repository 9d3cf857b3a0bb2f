/// A claim as reported (报案): which policy, what happened, when, the
/// expenses and the documents handed in.
///
/// Name the policy by ``policyID``, or by ``residentID`` and ``planCode``:
/// then the member's policy of that plan whose cover holds the incident
/// date is used.
///
/// ```swift
/// var report = ClaimReport(residentID: "340104198001011234", planCode: "INP", kind: .illness,
///                          incidentDate: try CivilDate(parsing: "2012-09-01"))
/// report.admissionDate = try CivilDate(parsing: "2012-09-01")
/// report.dischargeDate = try CivilDate(parsing: "2012-09-10")
/// report.expenses = ClaimExpenses(total: Money(fen: 1_000_000), insurancePaid: Money(fen: 600_000),
///                                 selfPaid: Money(fen: 400_000))
/// report.documents = ClaimDocument.required(for: .illness)
/// ```
public struct ClaimReport: Hashable, Sendable {
    /// The policy, by row id; or `nil` to find it from ``residentID`` and ``planCode``.
    public var policyID: Int64?
    /// The member, when ``policyID`` is `nil`.
    public var residentID: String?
    /// The plan, when ``policyID`` is `nil`.
    public var planCode: String?
    /// What happened.
    public var kind: ClaimKind
    /// The day of the accident, diagnosis or death.
    public var incidentDate: CivilDate
    /// Hospital admission.
    public var admissionDate: CivilDate?
    /// Hospital discharge.
    public var dischargeDate: CivilDate?
    /// Hospital settlement, if later than the discharge.
    public var settlementDate: CivilDate?
    /// The diagnosis category (free text).
    public var diagnosis: String?
    /// For a fixed-sum plan, the benefit item claimed.
    public var benefitItemCode: String?
    /// The expenses; none by default.
    public var expenses: ClaimExpenses
    /// The documents handed in with the report.
    public var documents: [ClaimDocument]
    /// The report date; ``WriteContext/today`` when `nil`. Not after today.
    public var reportedOn: CivilDate?
    /// A note for the event log.
    public var note: String?

    /// Creates a report naming the policy by row id.
    public init(policyID: Int64, kind: ClaimKind, incidentDate: CivilDate) {
        self.policyID = policyID
        self.kind = kind
        self.incidentDate = incidentDate
        self.expenses = .none
        self.documents = []
    }

    /// Creates a report naming the member and the plan.
    public init(residentID: String, planCode: String, kind: ClaimKind, incidentDate: CivilDate) {
        self.residentID = residentID
        self.planCode = planCode
        self.kind = kind
        self.incidentDate = incidentDate
        self.expenses = .none
        self.documents = []
    }
}
