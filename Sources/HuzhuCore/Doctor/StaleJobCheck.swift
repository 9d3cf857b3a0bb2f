import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// No run in the job run log is left `running` by a process that is gone
/// or has overrun.
///
/// A `running` row is stale when no process holds its job's lock (the
/// scheduler holds `.locks/JOB.lock` for the whole run; see ``JobLock``)
/// or when it started longer ago than the job's timeout (its own
/// `timeout`, else `[limits] timeout`). The next scheduler run of the job
/// marks such rows interrupted; doctor only reports them. The lock is
/// probed with a shared `flock` on the existing file, which writes nothing.
struct StaleJobCheck: DoctorCheck {
    let name = "jobs"
    let summary = "no job run left running without its process or past its timeout"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        var held: [String: Bool] = [:]
        for run in try JobRunLog.running(db) {
            var what: [String] = []
            if held[run.job] == nil { held[run.job] = Self.isLockHeld(job: run.job, in: environment.locksURL) }
            if held[run.job] == false {
                let who = run.pid.map { "pid \($0)" + (run.host.map { " on \($0)" } ?? "") } ?? "no pid recorded"
                what.append("no live lock (\(who))")
            }
            let timeout = environment.jobTimeouts[run.job] ?? environment.defaultTimeout
            if let timeout, let started = run.startedDate, environment.now.timeIntervalSince(started) > timeout {
                what.append("past its timeout of \(Self.seconds(timeout)) s")
            }
            guard !what.isEmpty else { continue }
            findings.add("jobRun \(run.id!) (\(run.job)): running since \(run.startedAt), " + what.joined(separator: ", "))
        }
    }

    /// Whether a process holds `job`'s lock; false when the file is missing.
    static func isLockHeld(job: String, in directory: URL?) -> Bool {
        guard let directory else { return false }
        let path = JobLock.url(job: job, in: directory).path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(fd, LOCK_UN)
        return false
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
