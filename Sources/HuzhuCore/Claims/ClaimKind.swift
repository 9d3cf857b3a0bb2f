import GRDB

/// What happened to the member: the kind of a claim.
///
/// Each plan kind takes some claim kinds (``accepted(by:)``): an inpatient
/// plan pays hospital stays after an illness or an accident; an accident
/// plan pays accidents, accidental death and disability; the fixed-sum
/// plans pay their own diagnoses.
///
/// ```swift
/// ClaimKind.accepted(by: .accident)   // [.accident, .death, .disability]
/// try ClaimKind(parsing: "illness")   // .illness
/// ```
public enum ClaimKind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Illness treated in hospital (疾病住院).
    case illness
    /// Accidental injury (意外伤害).
    case accident
    /// Death (身故).
    case death
    /// Disability, assessed after treatment or at day 180 (伤残).
    case disability
    /// A female special disease (女职工特殊疾病).
    case femaleDisease
    /// A critical illness (重大疾病).
    case criticalIllness

    /// The Chinese name.
    public var chinese: String {
        switch self {
        case .illness: return "疾病住院"
        case .accident: return "意外伤害"
        case .death: return "身故"
        case .disability: return "伤残"
        case .femaleDisease: return "女职工特殊疾病"
        case .criticalIllness: return "重大疾病"
        }
    }

    /// The claim kinds a plan kind takes.
    ///
    /// - Parameter planKind: The plan's kind.
    /// - Returns: inpatient → illness, accident; accident → accident, death,
    ///   disability; critical illness → critical illness; female disease →
    ///   female disease; other → every kind.
    public static func accepted(by planKind: PlanKind) -> [ClaimKind] {
        switch planKind {
        case .inpatient: return [.illness, .accident]
        case .accident: return [.accident, .death, .disability]
        case .criticalIllness: return [.criticalIllness]
        case .femaleDisease: return [.femaleDisease]
        case .other: return ClaimKind.allCases
        }
    }

    /// Parses a kind from its English name (`illness`) or Chinese name (`疾病住院`).
    ///
    /// - Parameters:
    ///   - text: The name.
    ///   - field: The input field, for the failure.
    /// - Throws: ``ValidationFailure`` E614 naming the kinds expected.
    public init(parsing text: String, field: String = "kind") throws {
        guard let kind = ClaimKind(rawValue: text) ?? ClaimKind.allCases.first(where: { $0.chinese == text }) else {
            throw ValidationFailure(.claimKindInvalid, field: field, value: .plain(text),
                                    ["text": text, "expected": ClaimKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        self = kind
    }
}
