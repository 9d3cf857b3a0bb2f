import Foundation
import GRDB

/// A paper a claim needs (理赔材料).
///
/// ``required(for:)`` is the checklist of a claim kind; a claim stores one
/// row per required document (and per extra one handed in) as provided or
/// missing, and cannot be approved while one is missing (E657).
///
/// ```swift
/// ClaimDocument.required(for: .death)
/// // [.applicationForm, .idCopy, .bankCard, .eventAccount, .deathCertificate, .householdDeregistration]
/// ```
public enum ClaimDocument: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The claim application form (理赔申请书).
    case applicationForm
    /// A copy of the member's resident ID card (身份证复印件).
    case idCopy
    /// The member's bank card, for the payout (银行卡).
    case bankCard
    /// Proof of union membership (会员证明).
    case membershipProof
    /// A certificate from the member's unit (单位证明).
    case unitCertificate
    /// An account of the event (事故经过).
    case eventAccount
    /// Hospital records: case front page, orders, medicine list (病历资料).
    case medicalRecords
    /// The discharge summary (出院小结).
    case dischargeSummary
    /// The medical-insurance settlement slip (医保结算单).
    case settlementSlip
    /// The original receipts (医疗费用发票).
    case invoices
    /// A diagnosis certificate (诊断证明).
    case diagnosisCertificate
    /// A disability assessment (伤残鉴定).
    case disabilityAssessment
    /// The death certificate (死亡证明).
    case deathCertificate
    /// The household-register deregistration (户籍注销证明).
    case householdDeregistration

    /// The Chinese name.
    public var chinese: String {
        switch self {
        case .applicationForm: return "理赔申请书"
        case .idCopy: return "身份证复印件"
        case .bankCard: return "银行卡"
        case .membershipProof: return "会员证明"
        case .unitCertificate: return "单位证明"
        case .eventAccount: return "事故经过"
        case .medicalRecords: return "病历资料"
        case .dischargeSummary: return "出院小结"
        case .settlementSlip: return "医保结算单"
        case .invoices: return "医疗费用发票"
        case .diagnosisCertificate: return "诊断证明"
        case .disabilityAssessment: return "伤残鉴定"
        case .deathCertificate: return "死亡证明"
        case .householdDeregistration: return "户籍注销证明"
        }
    }

    /// The checklist of a claim kind: application form, ID copy and bank
    /// card always, then what the kind needs.
    ///
    /// - Parameter kind: The claim's kind.
    /// - Returns: The documents, in checklist order.
    public static func required(for kind: ClaimKind) -> [ClaimDocument] {
        let common: [ClaimDocument] = [.applicationForm, .idCopy, .bankCard]
        switch kind {
        case .illness: return common + [.dischargeSummary, .settlementSlip, .invoices]
        case .accident: return common + [.eventAccount, .dischargeSummary, .settlementSlip, .invoices]
        case .death: return common + [.eventAccount, .deathCertificate, .householdDeregistration]
        case .disability: return common + [.eventAccount, .disabilityAssessment]
        case .femaleDisease: return common + [.diagnosisCertificate, .dischargeSummary]
        case .criticalIllness: return common + [.diagnosisCertificate, .medicalRecords]
        }
    }

    /// Every document's English and Chinese name, `applicationForm 理赔申请书, idCopy 身份证复印件, …` (E613 lists them).
    public static var names: String {
        allCases.map { "\($0.rawValue) \($0.chinese)" }.joined(separator: ", ")
    }

    /// Parses a document from its English name (`bankCard`) or Chinese name (`银行卡`), spaces around ignored.
    ///
    /// - Throws: ``ValidationFailure`` E613.
    public init(parsing raw: String, field: String = "documents") throws {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let document = ClaimDocument(rawValue: text)
                ?? ClaimDocument.allCases.first(where: { $0.chinese == text }) else {
            throw ValidationFailure(.documentUnknown, field: field, value: .plain(text),
                                    ["text": text, "expected": ClaimDocument.names])
        }
        self = document
    }
}

/// One line of a claim's documents checklist, as stored in `claimDocument`.
public struct ClaimDocumentStatus: Hashable, Sendable, Codable {
    /// The claim's row id.
    public var claimID: Int64
    /// The document.
    public var document: ClaimDocument
    /// Whether it is on the kind's checklist (else it was handed in as an extra).
    public var required: Bool
    /// Whether it has been handed in.
    public var provided: Bool

    /// Creates a line.
    public init(claimID: Int64, document: ClaimDocument, required: Bool, provided: Bool) {
        self.claimID = claimID
        self.document = document
        self.required = required
        self.provided = provided
    }
}

extension ClaimDocumentStatus: FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "claimDocument"

    /// The columns of the `claimDocument` table.
    public enum Columns {
        public static let claimID = Column(CodingKeys.claimID)
        public static let document = Column(CodingKeys.document)
        public static let required = Column(CodingKeys.required)
        public static let provided = Column(CodingKeys.provided)
    }
}
