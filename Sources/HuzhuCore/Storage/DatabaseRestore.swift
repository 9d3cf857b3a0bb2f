import Foundation
import GRDB

/// What ``DatabaseRestore/restore(_:into:force:context:now:)`` did.
public struct RestoreResult: Hashable, Sendable {
    /// What the workspace's database now holds.
    public var restored: BackupSummary
    /// Where the replaced database was kept (nil: there was none).
    public var keptAt: String?
    /// The checks that failed and were overridden with `force`, one line each.
    public var overridden: [String]
}

/// Puts a backup in place of a workspace's database, after checking it.
///
/// The file is copied to an owner-only staging file in the workspace and
/// checked there — never in place: SQLite's integrity check, that it is a
/// Huzhu database no newer than this huzhu (its migrations all known; an
/// older one is brought up to date), and the doctor's checks on its data
/// (foreign keys, the ledger, splits, payouts, audit trail, rule versions,
/// death claims). A file that is not a readable Huzhu database, fails the
/// integrity check or is newer is refused whatever `force` says; a failing
/// data check is refused unless `force`. Nothing is replaced while another
/// process has the database open. The restored database gets an audit row
/// (`restoreDatabase`); the replaced one is renamed
/// `huzhu.db.replaced-YYYYMMDD-HHMMSS` (with its `-wal`, if any), owner-only.
public enum DatabaseRestore {
    /// The doctor's checks a restore runs: all but the job log (a backup
    /// taken by a job holds that job's `running` row) and file modes (the
    /// staging file is not the workspace's).
    static var checks: [any DoctorCheck] {
        Doctor.standardChecks.filter { !($0 is StaleJobCheck) && !($0 is FileModeCheck) }
    }

    /// Checks a backup and puts it in place of the workspace's database.
    ///
    /// - Parameters:
    ///   - file: The backup.
    ///   - workspace: The workspace whose `huzhu.db` it replaces.
    ///   - force: Restore even when data checks fail (never a damaged, foreign or newer file).
    ///   - context: Operator and clock, for the restored database's audit row.
    ///   - now: The time in the replaced file's name.
    /// - Returns: What was restored and where the old database is.
    /// - Throws: ``BackupError`` naming what failed; nothing is replaced then.
    public static func restore(_ file: URL, into workspace: Workspace, force: Bool, context: WriteContext,
                               now: Date = Date()) throws -> RestoreResult {
        let live = workspace.databaseURL.path
        try refuseIfHeld(live)
        let name = file.relativePath
        guard FileManager.default.fileExists(atPath: file.path) else { throw BackupError("\(name): no such file") }
        let staging = workspace.root.appendingPathComponent(".huzhu.db.restoring-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: staging.path + suffix) }
        }
        try copyOwnerOnly(file, to: staging)
        let overridden = try check(staging, name: name, force: force)
        try audit(staging, file: file, overridden: overridden, force: force, context: context)
        try refuseIfHeld(live)
        let keptAt = try setAside(workspace, now: now)
        guard rename(staging.path, live) == 0 else {
            throw BackupError("cannot move the restored database into place: \(String(cString: strerror(errno))); "
                              + "the replaced database is at \(keptAt ?? "-")")
        }
        return RestoreResult(restored: try BackupSummary(of: workspace.databaseURL), keptAt: keptAt, overridden: overridden)
    }

    /// Refuses while another process has the database open.
    static func refuseIfHeld(_ path: String) throws {
        if let pid = DatabaseHolders.otherHolder(of: path) {
            throw BackupError("\(Workspace.databaseName) is open in process \(pid) (a run, the REPL or the schedule daemon); "
                              + "stop it and restore again")
        }
    }

    /// Copies bytes into a new owner-only file.
    static func copyOwnerOnly(_ source: URL, to target: URL) throws {
        let data = try Data(contentsOf: source)
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BackupError("cannot write \(target.path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
    }

    /// The checks, in order; returns the data checks that failed when `force` overrides them.
    static func check(_ staging: URL, name: String, force: Bool) throws -> [String] {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: staging.path, configuration: HuzhuDatabase.configuration())
        } catch {
            throw BackupError("\(name) cannot be opened as an SQLite database (\(error)); nothing was replaced")
        }
        defer { try? queue.close() }
        do {
            let lines = try queue.read { db in try DoctorStore.integrityCheck(db, limit: 10) }
            guard lines == ["ok"] else {
                throw BackupError("\(name) is damaged (SQLite integrity check: \(lines.joined(separator: "; "))); nothing was replaced")
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError("\(name) is not a readable SQLite database (\(error)); nothing was replaced")
        }
        let applied: Set<String>, hasMembers: Bool
        do {
            (applied, hasMembers) = try queue.read { db in (try Schema.migrator.appliedIdentifiers(db), try db.tableExists("member")) }
        } catch {
            throw BackupError("\(name) is not a readable SQLite database (\(error)); nothing was replaced")
        }
        let known = Set(Schema.migrator.migrations)
        guard !applied.isEmpty, hasMembers else {
            throw BackupError("\(name) is an SQLite database but not a Huzhu one (no Huzhu schema); nothing was replaced")
        }
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else {
            throw BackupError("\(name) was written by a newer huzhu (unknown migrations: \(unknown.sorted().joined(separator: ", "))); "
                              + "restore it with that version; nothing was replaced")
        }
        do {
            try Schema.migrator.migrate(queue)
        } catch {
            throw BackupError("\(name) cannot be brought up to this huzhu's schema (\(error)); nothing was replaced")
        }
        let report = try queue.read { db in Doctor(checks: checks).run(db, DoctorEnvironment(detailLimit: 10)) }
        guard !report.passed else { return [] }
        let lines = report.failed.flatMap { result in
            result.findings.problems.map { "\(result.name): \($0)" }
                + (result.findings.omitted > 0 ? ["\(result.name): … and \(result.findings.omitted) more"] : [])
        }
        guard force else {
            throw BackupError("\(name) fails the checks (\(report.verdict)):\n"
                              + lines.map { "  " + $0 }.joined(separator: "\n")
                              + "\nnothing was replaced; pass --force to restore it anyway")
        }
        return lines
    }

    /// Writes the restore's audit row into the staging database.
    static func audit(_ staging: URL, file: URL, overridden: [String], force: Bool, context: WriteContext) throws {
        let queue = try DatabaseQueue(path: staging.path, configuration: HuzhuDatabase.configuration())
        defer { try? queue.close() }
        let database = try HuzhuDatabase(writer: queue)
        _ = try database.write(.commit) { db in
            try AuditLog.record(db, context: context, action: "restore", operation: "restoreDatabase", table: "database",
                                rowKey: Workspace.databaseName, summary: [
                                    "from": .text(file.lastPathComponent), "forced": .boolean(force),
                                    "failedChecks": .integer(Int64(overridden.count)),
                                ])
        }
    }

    /// Renames the live database (and its WAL) aside, owner-only; nil when there is none.
    static func setAside(_ workspace: Workspace, now: Date) throws -> String? {
        let live = workspace.databaseURL.path
        let fm = FileManager.default
        guard fm.fileExists(atPath: live) else { return nil }
        // Fold the WAL into the file first where the database allows; a damaged one keeps its WAL beside it.
        if let queue = try? DatabaseQueue(path: live, configuration: HuzhuDatabase.configuration()) {
            _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try? queue.close()
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: workspace.config.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var aside = live + ".replaced-" + formatter.string(from: now)
        var counter = 1
        while fm.fileExists(atPath: aside) {
            counter += 1
            aside = live + ".replaced-" + formatter.string(from: now) + "-\(counter)"
        }
        guard rename(live, aside) == 0 else {
            throw BackupError("cannot set \(live) aside: \(String(cString: strerror(errno))); nothing was replaced")
        }
        chmod(aside, 0o600)
        if let size = (try? fm.attributesOfItem(atPath: live + "-wal")[.size] as? NSNumber)?.intValue, size > 0 {
            rename(live + "-wal", aside + "-wal")
            chmod(aside + "-wal", 0o600)
        }
        try? fm.removeItem(atPath: live + "-wal")
        try? fm.removeItem(atPath: live + "-shm")
        return aside
    }
}
