import Foundation

/// Who is writing, with what script, on what day: passed to every service
/// write and copied into the audit trail.
///
/// ```swift
/// let context = WriteContext(operator: "zhang", scriptName: "rules/subsidy.lua",
///                            scriptSHA256: hash, today: try CivilDate(parsing: "2012-06-20"))
/// try database.write { db in try services.members.register(db, draft, context: context) }
/// ```
public struct WriteContext: Sendable {
    /// The operator (from `huzhu.toml` or `--operator`).
    public var operatorName: String
    /// The script that made the write, as the user named it; `nil` for a clerk's direct write.
    public var scriptName: String?
    /// The SHA-256 of the script's text, lower-case hex; `nil` when there is no script.
    public var scriptSHA256: String?
    /// The business date: enrollments start, statuses change and birth
    /// dates are "in the future" relative to it.
    public var today: CivilDate
    /// The clock for audit timestamps.
    public var clock: @Sendable () -> Date
    /// Days from a bill's issue to its due day (`[money] due_days` in `huzhu.toml`, 30 by default).
    public var dueDays: Int = 30

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - operatorName: Who is writing.
    ///   - scriptName: The script's name, if a script is writing.
    ///   - scriptSHA256: The SHA-256 of the script's text, if a script is writing.
    ///   - today: The business date; the current date in Beijing by default.
    ///   - clock: The clock for audit timestamps; the system clock by default.
    public init(operator operatorName: String, scriptName: String? = nil, scriptSHA256: String? = nil,
                today: CivilDate = .today(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.operatorName = operatorName
        self.scriptName = scriptName
        self.scriptSHA256 = scriptSHA256
        self.today = today
        self.clock = clock
    }
}
