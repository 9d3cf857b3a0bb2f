/// Who decided a policy's terms: the operator, and the script (name and
/// SHA-256 of its text) when a script made the decision.
public struct Provenance: Hashable, Sendable, Codable {
    /// The operator.
    public var operatorName: String
    /// The script's name, if a script decided.
    public var scriptName: String?
    /// The SHA-256 of the script's text, if a script decided.
    public var scriptSHA256: String?

    /// Creates a provenance.
    public init(operatorName: String, scriptName: String? = nil, scriptSHA256: String? = nil) {
        self.operatorName = operatorName
        self.scriptName = scriptName
        self.scriptSHA256 = scriptSHA256
    }

    /// The provenance of writes made under a context.
    public init(_ context: WriteContext) {
        self.init(operatorName: context.operatorName, scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
    }
}
