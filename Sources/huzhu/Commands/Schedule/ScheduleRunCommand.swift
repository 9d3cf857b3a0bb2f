import ArgumentParser
import Foundation
import LuaHost
import HuzhuCore
import HuzhuScripting

/// `huzhu schedule run NAME`: runs a job now, by hand, and logs it.
struct ScheduleRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job now, by hand (enabled or not); it is logged like a scheduled run.",
        discussion: """
            The script's output goes to standard output; the run's line to standard error. \
            The job's overlap policy applies: with "skip" a run while another holds the job \
            is refused and logged skipped; with "queue" it waits. Exit status: 0 succeeded, \
            1 failed or skipped, 130 interrupted.
            """
    )

    @Argument(help: ArgumentHelp("The job's name, as in huzhu.toml.", valueName: "name"))
    var name: String

    @OptionGroup var workspaceOptions: WorkspaceOptions

    func run() throws {
        let (_, scheduler) = try ScheduleSupport.open(workspaceOptions, now: Date())
        guard let job = scheduler.job(named: name) else {
            let names = scheduler.config.jobs.map(\.name)
            throw DataError("no job named \"\(name)\" in huzhu.toml"
                                  + (names.isEmpty ? " (it declares none)" : "; jobs: \(names.joined(separator: ", "))"))
        }
        StopSignals.install(scheduler.stop)
        ScheduleSupport.installWatchdog(scheduler)
        scheduler.echo = { bytes in
            StandardOutput.write(bytes)
        }
        scheduler.onRecord = { row in
            StandardOutput.flush()
            Diagnostics.write(ScheduleSupport.line(for: row, zone: job.timeZone) + "\n")
        }
        guard let row = try scheduler.runNow(job, now: Date()) else { terminate(130) }
        if row.status == .failed, let message = row.message, message.contains("\n") {
            Diagnostics.write(message.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                .joined(separator: "\n") + "\n")   // the traceback under the run's line
        }
        switch row.status {
        case .succeeded: terminate(0)
        case .interrupted: terminate(130)
        default: terminate(1)
        }
    }
}
