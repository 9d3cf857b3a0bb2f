/// One reason an input was refused: a stable code, the field, the offending
/// value, what it was about, and a message in English and Chinese.
///
/// Personal data in the subject or the value (resident IDs, phones) is
/// masked in the text unless `unmasked` is asked for.
///
/// ```swift
/// let failure = ValidationFailure(.policyOverlap, field: "plan", value: .plain("ACC"),
///                                 subject: .member("340104198001011234"),
///                                 ["plan": "ACC", "term": "2012"])
/// failure.text()
/// // "E503 member 340104********1234: already holds a policy in plan ACC term 2012 (overlap)"
/// ```
public struct ValidationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the input was refused.
    public var reason: ReasonCode
    /// The input field at fault, e.g. `"residentID"`, `"shares"`.
    public var field: String
    /// The offending value, if there is one.
    public var value: ShownValue?
    /// The record the failure is about (`member 340104********1234`), if any.
    public var subject: Subject?
    /// The values filling the message template's placeholders.
    public var arguments: [String: String]

    /// The record a failure is about: its kind and key.
    public struct Subject: Hashable, Sendable {
        /// The kind of record: `"member"`, `"unit"`, `"plan"`, `"policy"` …
        public var kind: String
        /// Its key; a member's resident ID is masked when shown.
        public var key: ShownValue

        /// Creates a subject.
        public init(kind: String, key: ShownValue) {
            self.kind = kind
            self.key = key
        }

        /// A member, keyed by resident ID (masked when shown).
        public static func member(_ residentID: String) -> Subject {
            Subject(kind: "member", key: .residentID(residentID))
        }

        /// A unit, keyed by code.
        public static func unit(_ code: String) -> Subject {
            Subject(kind: "unit", key: .plain(code))
        }

        /// A plan, keyed by code.
        public static func plan(_ code: String) -> Subject {
            Subject(kind: "plan", key: .plain(code))
        }
    }

    /// Creates a failure.
    ///
    /// - Parameters:
    ///   - reason: Why the input was refused.
    ///   - field: The input field at fault.
    ///   - value: The offending value, tagged for masking.
    ///   - subject: The record the failure is about.
    ///   - arguments: Values for the template's `{placeholders}`.
    public init(_ reason: ReasonCode, field: String, value: ShownValue? = nil,
                subject: Subject? = nil, _ arguments: [String: String] = [:]) {
        self.reason = reason
        self.field = field
        self.value = value
        self.subject = subject
        self.arguments = arguments
    }

    /// The stable numeric code, e.g. 503.
    public var code: Int { reason.rawValue }

    /// The message alone, its template filled in.
    ///
    /// - Parameter language: English or Chinese.
    /// - Returns: e.g. `"already holds a policy in plan ACC term 2012 (overlap)"`.
    public func message(_ language: Language = .english) -> String {
        var text = reason.template(language)
        for (name, value) in arguments {
            text = text.replacingAll("{\(name)}", with: value)
        }
        return text
    }

    /// The full line: code, what it is about, message.
    ///
    /// The middle part is the subject (`member 340104********1234`) if
    /// there is one, else the field and the offending value
    /// (`residentID 340104********1234`), else the field alone.
    ///
    /// - Parameters:
    ///   - language: English or Chinese.
    ///   - unmasked: Show personal data in full.
    /// - Returns: e.g. `"E503 member 340104********1234: already holds a policy in plan ACC term 2012 (overlap)"`.
    public func text(_ language: Language = .english, unmasked: Bool = false) -> String {
        let about: String
        if let subject {
            about = "\(subject.kind) \(subject.key.shown(unmasked: unmasked))"
        } else if let value {
            about = "\(field) \(value.shown(unmasked: unmasked))"
        } else {
            about = field
        }
        return "\(reason.label) \(about): \(message(language))"
    }

    /// The full English line, personal data masked.
    public var description: String { text() }

    /// A copy about another subject, e.g. a member's ID failure placed on
    /// the member being enrolled.
    public func about(_ subject: Subject) -> ValidationFailure {
        var copy = self
        copy.subject = subject
        return copy
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
