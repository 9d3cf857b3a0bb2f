/// All the failures of one input, reported together.
///
/// Services check every rule of an input before giving up, then throw one
/// `ValidationError` with every failure found (like vapor's
/// `ValidationsError`), so a clerk fixes a row once, not once per rule.
///
/// ```swift
/// do { try service.create(db, draft, context: context) }
/// catch let error as ValidationError {
///     for failure in error.failures { print(failure.text()) }
///     // E301 name: name must be 1–50 characters (got 0)
///     // E111 phone 123****: invalid phone number (…)
/// }
/// ```
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The failures, in the order the rules were checked; never empty.
    public var failures: [ValidationFailure]

    /// Creates an error from failures.
    ///
    /// - Parameter failures: At least one failure.
    public init(_ failures: [ValidationFailure]) {
        precondition(!failures.isEmpty, "a ValidationError needs at least one failure")
        self.failures = failures
    }

    /// Creates an error from a single failure.
    public init(_ failure: ValidationFailure) {
        self.init([failure])
    }

    /// The codes of the failures, in order, e.g. `[301, 111]`.
    public var codes: [Int] { failures.map(\.code) }

    /// One line per failure.
    ///
    /// - Parameters:
    ///   - language: English or Chinese.
    ///   - unmasked: Show personal data in full.
    /// - Returns: The failures' texts joined by newlines.
    public func text(_ language: Language = .english, unmasked: Bool = false) -> String {
        failures.map { $0.text(language, unmasked: unmasked) }.joined(separator: "\n")
    }

    /// The English text, personal data masked.
    public var description: String { text() }
}
