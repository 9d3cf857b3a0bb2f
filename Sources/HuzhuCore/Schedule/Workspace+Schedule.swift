import Foundation

extension Workspace {
    /// Where the scheduler's job locks live: `<workspace>/.locks/` (see ``JobLock``).
    public var locksURL: URL { root.appendingPathComponent(".locks") }
}
