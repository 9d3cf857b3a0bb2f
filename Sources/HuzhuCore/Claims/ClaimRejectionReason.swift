import GRDB

/// Why a claim was rejected: a stable code, never reused (as openIMIS
/// numbers its rejection reasons), with a short message in English and
/// Chinese.
///
/// Each reason is a ``ReasonCode`` of 651–699 (`ReasonCode+Rejections.swift`
/// holds its name and texts), the code the core raises
/// when it finds the same cause itself: approving a claim in the waiting
/// period is refused with E652, and the reviewer rejects it with
/// ``waitingPeriod`` (652). Codes 651–699 are rejection reasons.
///
/// ```swift
/// ClaimRejectionReason.waitingPeriod.rawValue        // 652
/// ClaimRejectionReason.waitingPeriod.label           // "E652"
/// ClaimRejectionReason.waitingPeriod.message(.chinese) // "等待期内出险"
/// ```
public enum ClaimRejectionReason: Int, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The event is not covered by the policy (不属于保障责任).
    case notCovered = 651
    /// The incident fell in the waiting period (等待期内出险).
    case waitingPeriod = 652
    /// Reported after the report deadline (逾期报案); the core only flags this.
    case reportDeadline = 653
    /// Reported after the claim lapsed (超过索赔时效).
    case lapsed = 654
    /// The member or the policy is ineligible (不符合参保条件).
    case ineligible = 655
    /// The same event was already claimed (重复报案).
    case duplicate = 656
    /// Required documents are missing (材料不全).
    case documentsMissing = 657
    /// The plan's cap is used up (超过给付限额).
    case overCap = 658
    /// An excluded cause: self-harm, crime, drunk driving, war … (除外责任).
    case excludedCause = 659
    /// Another reason, explained in the review note (其他原因).
    case other = 660
    /// The expenses do not exceed the deductible (未超过免赔额).
    case belowDeductible = 661

    /// The code as shown to users, e.g. `"E652"`.
    public var label: String { "E\(rawValue)" }

    /// The reason code with the same number.
    public var reasonCode: ReasonCode { ReasonCode(rawValue: rawValue)! }

    /// The English name used in scripts and on the command line (`waitingPeriod`): the reason code's.
    public var name: String { reasonCode.name }

    /// The short message, the reason code's label for reviewers (`ReasonCode+Rejections.swift`).
    public func message(_ language: Language = .english) -> String {
        reasonCode.shortText(language)!
    }

    /// `"E652 incident in the waiting period"`.
    public func text(_ language: Language = .english) -> String { "\(label) \(message(language))" }

    /// Parses a reason from its name (`waitingPeriod`), its number (`652`) or its label (`E652`).
    ///
    /// - Throws: ``ValidationFailure`` E615.
    public init(parsing text: String, field: String = "reason") throws {
        let digits = text.hasPrefix("E") ? String(text.dropFirst()) : text
        if let number = Int(digits), let reason = ClaimRejectionReason(rawValue: number) {
            self = reason
        } else if let reason = ClaimRejectionReason.allCases.first(where: { $0.name == text }) {
            self = reason
        } else {
            throw ValidationFailure(.rejectionReasonInvalid, field: field, value: .plain(text),
                                    ["text": text, "expected": ClaimRejectionReason.allCases.map(\.name).joined(separator: ", ")])
        }
    }
}
