import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting

/// `huzhu schedule run-due`: runs what is due now, then exits (for cron or a systemd timer).
struct ScheduleRunDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due",
        abstract: "Run the enabled jobs that are due, then exit; for system cron or a systemd timer every minute.",
        discussion: """
            A job is due for each of its scheduled times after the latest one in its log, up \
            to now. With catch_up = "none" (the default) only a time less than a minute old \
            runs; older ones are logged as one skipped row. With catch_up = "once" one run \
            stands for all of them. A new job starts from the current minute. Jobs run one \
            after another; a line per run or skip is printed, nothing when nothing is due. \
            Exit status: 0, 1 if a run failed, 130 if stopped (SIGTERM, Ctrl-C).

            crontab:        * * * * *  cd /srv/union && huzhu schedule run-due
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(name: .long, help: .hidden)
    var now: Instant?

    func run() throws {
        let moment = now?.date ?? Date()
        let (_, scheduler) = try ScheduleSupport.open(workspaceOptions, now: moment)
        StopSignals.install(scheduler.stop)
        ScheduleSupport.installWatchdog(scheduler)
        let rows = try scheduler.runDue(now: moment)
        terminate(ScheduleSupport.status(of: rows, stopped: scheduler.stop.isRequested))
    }
}
