/// Text that is not a date written as `YYYY-MM-DD`, or names no real day.
///
/// ```swift
/// do { _ = try CivilDate(parsing: "2013-02-29") }
/// catch { print(error) }   // invalid date "2013-02-29" (expected YYYY-MM-DD)
/// ```
public struct CivilDateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending text.
    public var text: String

    /// Creates an error for the offending text.
    public init(text: String) {
        self.text = text
    }

    /// The failure to report for a field holding the offending text (E801).
    ///
    /// - Parameter field: The name of the input field.
    public func failure(field: String) -> ValidationFailure {
        ValidationFailure(.dateInvalid, field: field, value: .plain(text), ["text": text])
    }

    public var description: String {
        failure(field: "date").message(.english)
    }
}
