/// Why a cron expression was refused.
///
/// The description is the whole message, meant to follow a place such as
/// `jobs[2].cron: `, e.g. `minute field "61" out of range 0-59`.
public struct CronError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
