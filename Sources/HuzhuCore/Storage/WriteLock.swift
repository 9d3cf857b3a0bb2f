import Foundation

/// Who holds a workspace database's write lock, and how long another run
/// waits for it (issue 17, item 4).
///
/// SQLite lets one connection write at a time. A run that wants to write
/// while another holds the lock waits up to ``wait`` seconds, saying once
/// (through ``notice``) who holds it; when the wait runs out the write fails
/// with ``WaitError``, naming the holder and `--wait`. The holder is read
/// from a small file beside the database (`huzhu.db.lock-info`, owner-only)
/// that each writer writes when it takes the lock and removes when it lets
/// go; a file left by a process that has ended is ignored.
///
/// ```swift
/// let lock = WriteLock(databasePath: "huzhu.db", wait: 60, operatorName: "王会计")
/// let database = try HuzhuDatabase(path: "huzhu.db", lock: lock)
/// lock.describe(what: "scripts/jobs/enroll.lua", operatorName: "王会计")   // before each run
/// ```
public final class WriteLock: @unchecked Sendable {
    /// A writer as its lock file tells it.
    public struct Holder: Codable, Equatable, Sendable {
        /// The script or command (`scripts/jobs/enroll.lua`, `huzhu import members`).
        public var what: String
        public var operatorName: String
        /// When it took the lock (`2026-12-07 22:50:01`, local time).
        public var since: String
        public var pid: Int32

        /// `scripts/jobs/enroll.lua (operator 王会计, since 2026-12-07 22:50:01)`.
        public var description: String { "\(what) (operator \(operatorName), since \(since))" }
    }

    /// The write lock stayed taken for the whole wait.
    public struct WaitError: Error, Equatable, CustomStringConvertible {
        public var holder: Holder?
        public var waited: TimeInterval
        public var description: String {
            let who = holder.map { "\($0.description) holds" } ?? "another process holds"
            return "the database is busy: \(who) its write lock, and it was not released within "
                + "the \(WriteLock.format(waited)) seconds waited; try again when that run has finished, "
                + "or wait longer with --wait SECONDS (default 60; `wait` under [limits] in huzhu.toml)"
        }
    }

    /// The lock file beside the database.
    public let infoPath: String
    /// Seconds a write waits for the lock.
    public let wait: TimeInterval
    /// Where the one "waiting for …" line goes (standard error for the CLI).
    public let notice: @Sendable (String) -> Void

    private let mutex = NSLock()
    private var what: String
    private var operatorName: String
    private var waitStarted: Date?

    public init(databasePath: String, wait: TimeInterval, what: String? = nil, operatorName: String,
                notice: @escaping @Sendable (String) -> Void = { _ in }) {
        infoPath = databasePath + ".lock-info"
        self.wait = max(0, wait)
        self.what = what ?? WriteLock.commandLine()
        self.operatorName = operatorName
        self.notice = notice
    }

    /// Names the writer for the next writes (a script run names its script).
    public func describe(what: String, operatorName: String) {
        mutex.withLock {
            self.what = what
            self.operatorName = operatorName
        }
    }

    /// The holder the lock file names, or nil when there is none or its process has ended.
    public func holder() -> Holder? {
        guard let data = FileManager.default.contents(atPath: infoPath),
              let holder = try? JSONDecoder().decode(Holder.self, from: data) else { return nil }
        guard holder.pid != getpid() else { return holder }
        if kill(holder.pid, 0) != 0 && errno == ESRCH { return nil }   // stale: its process is gone
        return holder
    }

    /// SQLite's busy handler for this connection: waits in short sleeps up to
    /// ``wait`` seconds, telling once who holds the lock.
    func busy(_ tries: Int) -> Bool {
        let now = Date()
        let started: Date = mutex.withLock {
            if tries == 0 || waitStarted == nil { waitStarted = now }
            return waitStarted!
        }
        let left = wait - now.timeIntervalSince(started)
        guard left > 0 else { return false }
        if tries == 0 {
            let who = holder().map { "\($0.description) holds" } ?? "another process holds"
            notice("huzhu: waiting for the database: \(who) its write lock; waiting up to \(WriteLock.format(wait)) seconds (--wait)\n")
        }
        Thread.sleep(forTimeInterval: min(0.05, left))
        return true
    }

    /// The write lock was taken: the lock file names this process (owner-only, written whole).
    func acquired() {
        let (what, operatorName) = mutex.withLock {
            waitStarted = nil
            return (self.what, self.operatorName)
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let holder = Holder(what: what, operatorName: operatorName, since: formatter.string(from: Date()), pid: getpid())
        guard let data = try? JSONEncoder().encode(holder) else { return }
        let temporary = infoPath + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, infoPath) != 0 { unlink(temporary) }
    }

    /// The write lock was let go: the lock file goes, if it still names this process.
    func released() {
        if let holder = holder(), holder.pid == getpid() { unlink(infoPath) }
    }

    /// The error for a write that waited in vain.
    func waitError() -> WaitError { WaitError(holder: holder(), waited: wait) }

    static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    static func commandLine() -> String {
        (["huzhu"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    }
}
