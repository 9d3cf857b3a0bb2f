import GRDB

/// A claim (理赔案件): one event of one member under one policy, from
/// report to payout. Stored in the `claim` table.
///
/// The member, plan, term and unit are copied from the policy when the
/// claim is reported (the unit is the policy's enrolling unit, which scope
/// and unit filters use). Deadlines are fixed at report from the plan:
/// ``reportDeadline`` (late reports are flagged, ``lateReport``) and
/// ``lapseDate`` (a claim reported after it is rejected, E654).
///
/// Report claims with ``ClaimService/report(_:_:context:)``.
public struct Claim: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The policy claimed under.
    public var policyID: Int64
    /// The member's row id (from the policy).
    public var memberID: Int64
    /// The plan's code (from the policy).
    public var planCode: String
    /// The plan term's row id (from the policy).
    public var planTermID: Int64
    /// The policy's enrolling unit: scope and unit filters use it.
    public var unitCode: String
    /// What happened.
    public var kind: ClaimKind
    /// The day of the accident, diagnosis or death (出险日期).
    public var incidentDate: CivilDate
    /// Hospital admission, if any.
    public var admissionDate: CivilDate?
    /// Hospital discharge, if any.
    public var dischargeDate: CivilDate?
    /// Hospital settlement (结算) if later than the discharge; the lapse window counts from it.
    public var settlementDate: CivilDate?
    /// The diagnosis category, free text (e.g. an ICD-10 chapter); no personal data beyond it.
    public var diagnosis: String?
    /// For a fixed-sum plan, the benefit item claimed (e.g. `cancer`).
    public var benefitItemCode: String?
    /// The whole medical bill (医疗费用总额).
    public var totalExpense: Money
    /// The part paid by basic medical insurance (统筹支付).
    public var insurancePaid: Money
    /// The part the member paid (个人自付); insurance + self-paid = total.
    public var selfPaid: Money
    /// The day the claim was reported (报案日期).
    public var reportedOn: CivilDate
    /// The last day of the report window (discharge, else incident, + the plan's report window).
    public var reportDeadline: CivilDate
    /// Whether the claim was reported after ``reportDeadline`` (flagged, not refused).
    public var lateReport: Bool
    /// The last day a report is accepted (settlement, else discharge, else incident, + the plan's lapse window).
    public var lapseDate: CivilDate
    /// Where the claim stands.
    public var status: ClaimStatus
    /// The business date of the last transition; ``ClaimService/overdue(_:days:asOf:)`` counts from it.
    public var statusSince: CivilDate
    /// The amount of the current approval (approved or paid claims).
    public var approvedAmount: Money?
    /// The reason of the current rejection (rejected claims).
    public var rejectionReason: ClaimRejectionReason?
    /// The operator who reported it.
    public var operatorName: String
    /// The script that reported it, if any.
    public var scriptName: String?
    /// The SHA-256 of that script's text.
    public var scriptSHA256: String?

    enum CodingKeys: String, CodingKey {
        case id, policyID, memberID, planCode, planTermID, unitCode, kind, incidentDate, admissionDate, dischargeDate
        case settlementDate, diagnosis, benefitItemCode, totalExpense, insurancePaid, selfPaid, reportedOn
        case reportDeadline, lateReport, lapseDate, status, statusSince, approvedAmount, rejectionReason
        case operatorName = "operator", scriptName, scriptSHA256
    }

    /// The expenses as one value.
    public var expenses: ClaimExpenses {
        ClaimExpenses(total: totalExpense, insurancePaid: insurancePaid, selfPaid: selfPaid)
    }
}

extension Claim: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "claim"

    /// The columns of the `claim` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let policyID = Column(CodingKeys.policyID)
        public static let memberID = Column(CodingKeys.memberID)
        public static let planCode = Column(CodingKeys.planCode)
        public static let planTermID = Column(CodingKeys.planTermID)
        public static let unitCode = Column(CodingKeys.unitCode)
        public static let kind = Column(CodingKeys.kind)
        public static let incidentDate = Column(CodingKeys.incidentDate)
        public static let reportedOn = Column(CodingKeys.reportedOn)
        public static let status = Column(CodingKeys.status)
        public static let statusSince = Column(CodingKeys.statusSince)
        public static let approvedAmount = Column(CodingKeys.approvedAmount)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A claim's medical expenses in fen: the total, the part basic medical
/// insurance paid and the part the member paid, which add up to the total
/// (E607); none is negative (E608).
///
/// ```swift
/// ClaimExpenses(total: Money(fen: 1_000_000), insurancePaid: Money(fen: 600_000), selfPaid: Money(fen: 400_000))
/// ```
public struct ClaimExpenses: Hashable, Sendable {
    /// The whole bill.
    public var total: Money
    /// Paid by basic medical insurance.
    public var insurancePaid: Money
    /// Paid by the member.
    public var selfPaid: Money

    /// Creates expenses.
    public init(total: Money, insurancePaid: Money, selfPaid: Money) {
        self.total = total
        self.insurancePaid = insurancePaid
        self.selfPaid = selfPaid
    }

    /// No expenses (fixed-sum claims).
    public static let none = ClaimExpenses(total: .zero, insurancePaid: .zero, selfPaid: .zero)

    /// The failures: negative parts (E608) and parts that do not add up (E607).
    public func failures(subject: ValidationFailure.Subject?) -> [ValidationFailure] {
        var failures: [ValidationFailure] = []
        for (field, amount) in [("totalExpense", total), ("insurancePaid", insurancePaid), ("selfPaid", selfPaid)]
        where amount.isNegative {
            failures.append(ValidationFailure(.expenseNegative, field: field, value: .plain(amount.description),
                                              subject: subject, ["field": field, "amount": amount.description]))
        }
        let (sum, overflow) = insurancePaid.fen.addingReportingOverflow(selfPaid.fen)
        if overflow || sum != total.fen {
            failures.append(ValidationFailure(
                .expensesInconsistent, field: "totalExpense", value: .plain(total.description), subject: subject,
                ["insurance": insurancePaid.description, "selfPaid": selfPaid.description,
                 "sum": overflow ? "overflow" : Money(fen: sum).description, "total": total.description]))
        }
        return failures
    }
}
