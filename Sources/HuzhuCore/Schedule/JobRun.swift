import Foundation
import GRDB

/// One row of the scheduler's run log (`jobRun` table): a run of a job, or
/// a scheduled time that was skipped.
///
/// Times are stored as UTC ISO-8601 text with milliseconds
/// (`2026-09-30T18:00:00.000Z`, as in the audit trail), so they sort.
public struct JobRun: Hashable, Sendable, Codable {
    /// How a run ended (or that it has not yet).
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Started and not yet ended; left so by a process that died, until
        /// the next schedule command marks it `interrupted`.
        case running
        /// The script ended without error; its transaction committed.
        case succeeded
        /// The script raised an error or hit a limit; its transaction rolled back.
        case failed
        /// Stopped from outside (SIGTERM, Ctrl-C) or its process died; rolled back.
        case interrupted
        /// Not run: the previous run still held the job's lock, or the time was missed.
        case skipped
    }

    /// What started the run.
    public enum Trigger: String, Hashable, Sendable, Codable {
        case schedule
        /// `huzhu schedule run NAME`.
        case manual
    }

    /// The run id.
    public var id: Int64?
    public var job: String
    public var trigger: Trigger
    /// The scheduled time, UTC ISO-8601; nil for a run by hand.
    public var scheduledAt: String?
    /// When the run started (for a skipped time: when it was skipped).
    public var startedAt: String
    public var endedAt: String?
    public var status: Status
    /// Why it failed, was skipped or interrupted; what it did when it succeeded.
    public var message: String?
    /// The last ``JobRunLog/tailBytes`` bytes of what the script printed.
    public var outputTail: String?
    /// The script as named in the job, and the SHA-256 of the text that ran.
    public var scriptName: String?
    public var scriptSHA256: String?
    public var operatorName: String?
    /// The process that ran it, and its host: for people and `huzhu doctor`.
    public var pid: Int64?
    public var host: String?

    enum CodingKeys: String, CodingKey {
        case id, job, trigger, scheduledAt, startedAt, endedAt, status, message, outputTail
        case scriptName, scriptSHA256, operatorName = "operator", pid, host
    }

    public init(id: Int64? = nil, job: String, trigger: Trigger, scheduledAt: Date?, startedAt: Date,
                endedAt: Date? = nil, status: Status, message: String? = nil, outputTail: String? = nil,
                scriptName: String? = nil, scriptSHA256: String? = nil, operatorName: String? = nil,
                pid: Int64? = nil, host: String? = nil) {
        self.id = id
        self.job = job
        self.trigger = trigger
        self.scheduledAt = scheduledAt.map(AuditLog.timestamp)
        self.startedAt = AuditLog.timestamp(startedAt)
        self.endedAt = endedAt.map(AuditLog.timestamp)
        self.status = status
        self.message = message
        self.outputTail = outputTail
        self.scriptName = scriptName
        self.scriptSHA256 = scriptSHA256
        self.operatorName = operatorName
        self.pid = pid
        self.host = host
    }

    /// The scheduled time as an instant.
    public var scheduledDate: Date? { scheduledAt.flatMap(JobRun.date(from:)) }
    public var startedDate: Date? { JobRun.date(from: startedAt) }
    public var endedDate: Date? { endedAt.flatMap(JobRun.date(from:)) }

    /// Reads `2026-09-30T18:00:00.000Z` back (the form ``AuditLog/timestamp(_:)`` writes).
    public static func date(from text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count == 24, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 46, u[23] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (48...57).contains(u[i]) else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let millis = number(20..<23), let date = CivilDate(year: year, month: month, day: day),
              hour < 24, minute < 60, second < 60 else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}

extension JobRun: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "jobRun"

    /// The columns of the `jobRun` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let job = Column(CodingKeys.job)
        public static let trigger = Column(CodingKeys.trigger)
        public static let scheduledAt = Column(CodingKeys.scheduledAt)
        public static let startedAt = Column(CodingKeys.startedAt)
        public static let endedAt = Column(CodingKeys.endedAt)
        public static let status = Column(CodingKeys.status)
        public static let message = Column(CodingKeys.message)
        public static let outputTail = Column(CodingKeys.outputTail)
        public static let pid = Column(CodingKeys.pid)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
