/// The run's limits as a query of ``ReadOnlySQL`` must keep them.
///
/// `huzhu.sql` passes what is left of the script's memory limit and a
/// function that counts SQLite's steps against the instruction budget (and
/// checks the timeout, cancellation and Ctrl-C), so a query can neither
/// build a result larger than the memory limit nor run without end.
///
/// ```swift
/// let limits = ReadOnlySQL.QueryLimits(maxBytes: 64 << 20, progress: { steps in budget.charge(steps) })
/// let result = try sql.query("SELECT name FROM member", limits: limits)
/// ```
extension ReadOnlySQL {
    public struct QueryLimits {
        /// Bytes the result may take once handed to the script (nil: no limit);
        /// also the longest string or blob SQLite may build for the query
        /// (never less than 1 MiB, so ordinary queries keep working).
        public var maxBytes: Int?
        /// Called every ``period`` SQLite VM steps with that count; false stops the query.
        public var progress: ((Int64) -> Bool)?

        public init(maxBytes: Int? = nil, progress: ((Int64) -> Bool)? = nil) {
            self.maxBytes = maxBytes
            self.progress = progress
        }

        /// SQLite VM steps between two calls of ``progress``.
        public static let period: Int32 = 1000

        /// The longest string SQLite may build for a query under `maxBytes`.
        static func lengthLimit(_ maxBytes: Int) -> Int32 {
            Int32(clamping: min(max(maxBytes, 1 << 20), 1_000_000_000))
        }

        /// About what a row costs once it is a Lua table: the table and its slot
        /// in the result, a hash node per column, and each string's header and bytes.
        static func cost(of row: [Value]) -> Int {
            var nodes = 1
            while nodes < row.count { nodes <<= 1 }
            var bytes = 80 + 32 * nodes
            for value in row {
                switch value {
                case .text(let s): bytes += 25 + s.utf8.count
                case .blob(let b): bytes += 25 + b.count
                default: break
                }
            }
            return bytes
        }
    }
}
