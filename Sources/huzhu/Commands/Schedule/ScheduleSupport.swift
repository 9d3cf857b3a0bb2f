import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting

/// An instant given on the command line: `2026-10-01T02:00:00+08:00` or `…Z`.
struct Instant: ExpressibleByArgument {
    var date: Date

    init?(argument: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: argument) else { return nil }
        self.date = date
    }
}

/// What the schedule commands share: opening the scheduler, showing rows, signals.
enum ScheduleSupport {
    /// Opens the workspace's scheduler and recovers runs of dead processes.
    static func open(_ options: WorkspaceOptions, now: Date) throws -> (Workspace, Scheduler) {
        let workspace = try options.open()
        let scheduler = try Scheduler(workspace: workspace, operatorName: options.operatorName)
        scheduler.onRecord = { print(line(for: $0, zone: zone(of: $0.job, in: scheduler))) }
        try scheduler.recover(now: now)
        return (workspace, scheduler)
    }

    /// The zone a job's times are shown in: its own, or the workspace's for a job no longer declared.
    static func zone(of job: String, in scheduler: Scheduler) -> TimeZone {
        scheduler.job(named: job)?.timeZone ?? workspaceZone(scheduler.config)
    }

    static func workspaceZone(_ config: WorkspaceConfig) -> TimeZone {
        TimeZone(identifier: config.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
    }

    /// One line for a finished row:
    /// `nightly: run 7 (scheduled 2026-10-01 02:00 +08:00) succeeded: no changes`.
    static func line(for run: JobRun, zone: TimeZone) -> String {
        let when = run.scheduledDate.map { "scheduled \(ZonedTime.format($0, in: zone))" } ?? "by hand"
        let message = run.message.flatMap { $0.split(separator: "\n").first.map(String.init) }
        return "\(run.job): run \(run.id ?? 0) (\(when)) \(run.status.rawValue)" + (message.map { ": \($0)" } ?? "")
    }

    /// The exit status after runs: 130 if one was interrupted by a stop, 1 if one failed, else 0.
    static func status(of rows: [JobRun], stopped: Bool) -> Int32 {
        if stopped && rows.contains(where: { $0.status == .interrupted }) { return 130 }
        return rows.contains { $0.status == .failed } ? 1 : 0
    }

    /// A watchdog per run with a timeout: a script stuck in a C function past
    /// its timeout ends the process (its row is marked interrupted next time).
    static func installWatchdog(_ scheduler: Scheduler) {
        scheduler.watchdog = { job, timeout in
            let watchdog = Watchdog(script: job.script, timeout: timeout)
            return { watchdog.cancel() }
        }
    }
}

/// SIGTERM and SIGINT (Ctrl-C) ask a scheduler to stop: the job running is
/// cancelled, rolls back and is logged interrupted. A second signal ends
/// the process at once (its run is marked interrupted by the next command).
///
/// The handler only writes a byte to a pipe (async-signal-safe); a thread
/// reading the pipe makes the request.
enum StopSignals {
    nonisolated(unsafe) private static var writeEnd: Int32 = -1
    nonisolated(unsafe) private static var count: Int32 = 0

    static func install(_ stop: StopRequest) {
        guard writeEnd < 0 else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        writeEnd = ends[1]
        count = 0   // initialised here, never lazily inside the handler
        let handler: @convention(c) (Int32) -> Void = { signal in
            var byte = UInt8(truncatingIfNeeded: signal)
            StopSignals.count += 1
            if StopSignals.count > 1 {
                let text = "\nhuzhu: stopped twice; ending the process\n"
                text.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
                _exit(130)
            }
            _ = write(StopSignals.writeEnd, &byte, 1)
        }
        signal(SIGTERM, handler)
        signal(SIGINT, handler)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)   // a parent may start us with them blocked
        let readEnd = ends[0]
        let reader = Thread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) == 1 {
                stop.request(Int32(byte) == SIGTERM ? "SIGTERM" : "Ctrl-C")
            }
        }
        reader.start()
    }
}
