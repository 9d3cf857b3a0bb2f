import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock that keeps two schedulers from running one job at once: an
/// exclusive `flock(2)` on `<workspace>/.locks/<job>.lock`.
///
/// The kernel drops the lock when its process dies, however it dies, so a
/// crashed run never leaves a stale lock and a lock that can be taken
/// proves that no run of the job is alive. That is how a `running` row
/// left by a dead process is told from a live one (no pid is trusted: pids
/// are reused). Locks are taken per open file, so two schedulers in one
/// process exclude each other too. The files are never deleted (deleting a
/// lock file someone waits on would let two holders in); they hold the pid
/// and host of the last holder, for people. One machine only: `flock` is
/// not reliable on network file systems.
///
/// ```swift
/// if let lock = try JobLock.tryAcquire(job: "nightly", in: workspace.locksURL) {
///     defer { lock.release() }
///     // run the job
/// }
/// ```
public final class JobLock {
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { release() }

    /// The lock file of a job.
    public static func url(job: String, in directory: URL) -> URL {
        directory.appendingPathComponent(job + ".lock")
    }

    /// Takes the job's lock if no one holds it.
    ///
    /// - Returns: The held lock, or nil when another holder has it.
    /// - Throws: ``LockError`` when the lock file cannot be opened.
    public static func tryAcquire(job: String, in directory: URL) throws -> JobLock? {
        let fd = try open(job: job, in: directory)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw LockError(description: "cannot lock \(url(job: job, in: directory).path): \(String(cString: strerror(code)))")
        }
        let lock = JobLock(path: url(job: job, in: directory).path, fd: fd)
        lock.note()
        return lock
    }

    /// Waits for the job's lock, polling every `interval` seconds.
    ///
    /// - Parameter shouldStop: Asked between polls; true gives up.
    /// - Returns: The held lock, or nil when `shouldStop` said to give up.
    public static func acquire(job: String, in directory: URL, interval: TimeInterval = 0.1,
                               shouldStop: () -> Bool = { false }) throws -> JobLock? {
        while true {
            if let lock = try tryAcquire(job: job, in: directory) { return lock }
            if shouldStop() { return nil }
            Thread.sleep(forTimeInterval: interval)
        }
    }

    /// Whether some process (this one included) holds the job's lock now.
    public static func isHeld(job: String, in directory: URL) throws -> Bool {
        guard let lock = try tryAcquire(job: job, in: directory) else { return true }
        lock.release()
        return false
    }

    /// Lets the lock go (also done when the lock is released from memory).
    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    /// Why a lock file could not be used.
    public struct LockError: Error, CustomStringConvertible {
        public var description: String
    }

    private static func open(job: String, in directory: URL) throws -> Int32 {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = url(job: job, in: directory).path
        let fd = path.withCString { openFile($0, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        guard fd >= 0 else {
            throw LockError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    private static func openFile(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, flags, mode)
        #else
        Darwin.open(path, flags, mode)
        #endif
    }

    /// Writes who holds the lock into the file, for people looking.
    private func note() {
        let text = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }
}
