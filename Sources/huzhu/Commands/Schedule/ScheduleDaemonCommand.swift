import ArgumentParser
import Foundation
import LuaHost
import HuzhuCore
import HuzhuScripting

/// `huzhu schedule daemon`: a foreground loop running jobs when they are due.
struct ScheduleDaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run due jobs in the foreground until stopped (SIGTERM or Ctrl-C).",
        discussion: """
            Wakes at the next due time (at least once a minute, re-reading huzhu.toml; a \
            broken file is reported and the last good one kept) and runs what is due in a \
            `run-due` process of its own: a job that crashes that process is logged \
            interrupted and the daemon goes on. SIGTERM or Ctrl-C interrupts the job \
            running: its transaction rolls back, it is logged interrupted, and the daemon \
            exits 0. A second signal ends the process at once. For systemd: Type=simple, \
            ExecStart=huzhu schedule daemon --workspace /srv/union.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    /// Start the clock at this instant (tests): it runs on from there at the real pace.
    @Option(name: .long, help: .hidden)
    var now: Instant?

    func run() throws {
        let offset = now.map { $0.date.timeIntervalSinceNow } ?? 0
        let clock: () -> Date = { Date().addingTimeInterval(offset) }
        let (workspace, scheduler) = try ScheduleSupport.open(workspaceOptions, now: clock())
        scheduler.clock = clock
        StopSignals.install(scheduler.stop)
        let enabled = scheduler.config.jobs.filter(\.enabled).count
        let next = scheduler.nextDue(after: clock()).map { ZonedTime.format($0, in: ScheduleSupport.workspaceZone(scheduler.config)) }
        print("huzhu schedule daemon: \(enabled) enabled \(enabled == 1 ? "job" : "jobs")"
              + (next.map { ", next run \($0)" } ?? "") + "; stop with SIGTERM or Ctrl-C")
        StandardOutput.flush()
        var lastProblem: String?
        scheduler.onRecord = { row in
            print(ScheduleSupport.line(for: row, zone: ScheduleSupport.zone(of: row.job, in: scheduler)))
            StandardOutput.flush()
        }
        // Each time something may be due, `run-due` runs in a child process: a job
        // that crashes ends only that process, and its run is marked interrupted here.
        let stop = scheduler.stop
        var crashesInARow = 0
        while !stop.isRequested {
            let outcome = try DueRunProcess.run(root: workspace.root, operatorName: workspaceOptions.operatorName,
                                                now: clock(), stop: stop)
            if case .crashed(let pid, let signal) = outcome, !stop.isRequested {
                print("huzhu schedule daemon: the process running due jobs (pid \(pid)) crashed (signal \(signal)); going on")
                StandardOutput.flush()
                try scheduler.recover(now: clock())
                crashesInARow += 1
                if crashesInARow == 1 { continue }   // the other jobs due at that time run at once
            } else {
                crashesInARow = 0
            }
            if stop.isRequested { break }
            let current = clock()
            let wake = min(scheduler.nextDue(after: current) ?? current.addingTimeInterval(60), current.addingTimeInterval(60))
            stop.sleep(for: wake.timeIntervalSince(current) + 0.01)
            if stop.isRequested { break }
            do {
                scheduler.config = try Workspace(at: workspace.root).config
                lastProblem = nil
            } catch {
                let problem = "\(error)"
                if problem != lastProblem { Diagnostics.write("huzhu: \(problem)\nhuzhu: keeping the last good huzhu.toml\n") }
                lastProblem = problem
            }
        }
        print("huzhu schedule daemon: stopped (\(scheduler.stop.reason ?? "done"))")
        terminate(0)
    }
}
