/// Gathers the failures of one input so they can be thrown together.
///
/// ```swift
/// var failures = FailureCollector()
/// let id = failures.capture(field: "residentID") { try ResidentID(text, today: today) }
/// if name.isEmpty { failures.add(.memberNameInvalid, field: "name", ["count": "0"]) }
/// try failures.throwIfAny()
/// ```
public struct FailureCollector: Sendable {
    /// The failures so far.
    public private(set) var failures: [ValidationFailure] = []

    /// Creates an empty collector.
    public init() {}

    /// Whether no failure has been added.
    public var isEmpty: Bool { failures.isEmpty }

    /// Adds a failure.
    public mutating func add(_ failure: ValidationFailure) {
        failures.append(failure)
    }

    /// Adds several failures.
    public mutating func add(contentsOf more: [ValidationFailure]) {
        failures.append(contentsOf: more)
    }

    /// Adds a failure built from its parts.
    public mutating func add(_ reason: ReasonCode, field: String, value: ShownValue? = nil,
                             subject: ValidationFailure.Subject? = nil, _ arguments: [String: String] = [:]) {
        failures.append(ValidationFailure(reason, field: field, value: value, subject: subject, arguments))
    }

    /// Runs a parse, keeping its failure instead of throwing it.
    ///
    /// Understands ``ValidationFailure``, ``ValidationError``,
    /// ``MoneyError`` and ``CivilDateError``; any other error is rethrown.
    ///
    /// - Parameters:
    ///   - field: The field being parsed, for errors that do not name one.
    ///   - body: The parse.
    /// - Returns: The parsed value, or `nil` if it failed.
    /// - Throws: Errors other than the validation errors above.
    public mutating func capture<T>(field: String, _ body: () throws -> T) rethrows -> T? {
        do {
            return try body()
        } catch let failure as ValidationFailure {
            failures.append(failure)
        } catch let error as ValidationError {
            failures.append(contentsOf: error.failures)
        } catch let error as MoneyError {
            failures.append(error.failure(field: field))
        } catch let error as CivilDateError {
            failures.append(error.failure(field: field))
        }
        return nil
    }

    /// Throws a ``ValidationError`` with every failure, if there is any.
    ///
    /// - Throws: ``ValidationError``.
    public func throwIfAny() throws {
        if !failures.isEmpty { throw ValidationError(failures) }
    }
}
