import GRDB

/// Where a policy stands.
public enum PolicyStatus: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// In force (or about to start).
    case active
    /// Cancelled before it ran its course (contributions are not refunded once the term starts).
    case cancelled
    /// Its term has ended.
    case expired
}
