/// Every reason the core refuses an input, each with a stable number that
/// is never reused and a message template in English and in Chinese.
///
/// Numbers are grouped by hundreds: 1xx identity and phone, 2xx units and
/// offices, 3xx members, 4xx plans and terms, 5xx policies and enrollment,
/// 6xx claims (601–649 refused input, 651–699 the reasons a claim is
/// rejected, see ``ClaimRejectionReason``), 7xx money, 8xx general input
/// such as dates, 9xx the ledger. A retired reason keeps its number
/// forever; new reasons take new numbers.
///
/// Templates name their arguments in braces (`{plan}`); a
/// ``ValidationFailure`` fills them in. Each code is declared next to its
/// texts, one file a domain (`ReasonCode+Units.swift`, `+Claims` …), and
/// listed in its group's array, which ``allCases`` joins; a test checks
/// that no number is used twice and every code has both texts.
///
/// ```swift
/// ReasonCode.policyOverlap.rawValue        // 503
/// ReasonCode.policyOverlap.label           // "E503"
/// ReasonCode.policyOverlap.template(.english)
/// // "already holds a policy in plan {plan} term {term} (overlap)"
/// ```
public struct ReasonCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stable number, e.g. 503.
    public let rawValue: Int
    /// The name used in scripts, logs and the documentation, e.g. `policyOverlap`.
    public let name: String
    private let english: String
    private let chinese: String
    private let shortTexts: (english: String, chinese: String)?

    /// Declares a code; only the `ReasonCode+…` files do.
    init(_ rawValue: Int, _ name: String, _ english: String, _ chinese: String,
         short: (String, String)? = nil) {
        self.rawValue = rawValue
        self.name = name
        self.english = english
        self.chinese = chinese
        self.shortTexts = short.map { (english: $0.0, chinese: $0.1) }
    }

    /// The code with a number, or nil when no code has it.
    public init?(rawValue: Int) {
        guard let code = ReasonCode.byNumber[rawValue] else { return nil }
        self = code
    }

    /// Every code, in number order.
    public static let allCases: [ReasonCode] = identity + units + members + plans + policies + claims + rejections
        + money + input + ledger + payouts + ledgerPeriods + rules

    private static let byNumber: [Int: ReasonCode] = Dictionary(allCases.map { ($0.rawValue, $0) },
                                                                uniquingKeysWith: { first, _ in first })

    /// The code as shown to users: `"E"` and the number, e.g. `"E503"`.
    public var label: String { "E\(rawValue)" }

    /// The name, e.g. `policyOverlap`.
    public var description: String { name }

    /// The message template in a language, with `{name}` placeholders.
    ///
    /// - Parameter language: English or Chinese.
    /// - Returns: The template text.
    public func template(_ language: Language) -> String {
        language == .english ? english : chinese
    }

    /// A rejection reason's short label for reviewers (`"waiting period"`), or nil for other codes.
    public func shortText(_ language: Language) -> String? {
        shortTexts.map { language == .english ? $0.english : $0.chinese }
    }

    public static func == (lhs: ReasonCode, rhs: ReasonCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int.self)
        guard let code = ReasonCode(rawValue: number) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no reason code \(number)"))
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The language of a message.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// English.
    case english = "en"
    /// Simplified Chinese.
    case chinese = "zh"
}
