import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting

/// `huzhu schedule list`: each job with its schedule and next runs.
struct ScheduleListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the jobs of huzhu.toml with their next run times and their last run."
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(name: .long, help: ArgumentHelp("How many next run times to show per job.", valueName: "n"))
    var next = 3

    @Option(name: .long, help: .hidden)
    var now: Instant?

    func validate() throws {
        guard next >= 0 else { throw ValidationError("--next must not be negative (got \(next))") }
    }

    func run() throws {
        let moment = now?.date ?? Date()
        let (workspace, scheduler) = try ScheduleSupport.open(workspaceOptions, now: moment)
        guard !scheduler.config.jobs.isEmpty else {
            print("no jobs in huzhu.toml; declare them as [[jobs]] tables (name, script, cron, …)")
            return
        }
        var blocks: [String] = []
        for job in scheduler.config.jobs {
            var lines = ["\(job.name)  \(job.enabled ? "enabled" : "disabled")"]
            let exists = FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(job.script).path)
            lines.append("  script  \(job.script)" + (exists ? "" : "  (missing!)"))
            var policy = "overlap \(job.overlap.rawValue), catch-up \(job.catchUp.rawValue)"
            if let timeout = job.timeout { policy += ", timeout \(Watchdog.format(timeout)) s" }
            lines.append("  cron    \(job.cron.text)  (\(job.timeZone.identifier); \(policy))")
            if !job.arguments.isEmpty { lines.append("  args    \(job.arguments.joined(separator: " "))") }
            if let output = job.output { lines.append("  output  \(output)") }
            let times = job.cron.nextTimes(after: moment, in: job.timeZone, count: next)
            for (i, time) in times.enumerated() {
                lines.append((i == 0 ? "  next    " : "          ") + ZonedTime.format(time, in: job.timeZone))
            }
            if let last = try scheduler.database.read({ try JobRunLog.latest($0, job: job.name) }) {
                let when = last.scheduledDate.map { "scheduled \(ZonedTime.format($0, in: job.timeZone))" } ?? "by hand"
                lines.append("  last    run \(last.id ?? 0) \(last.status.rawValue) (\(when))")
            } else {
                lines.append("  last    never run")
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        print(blocks.joined(separator: "\n\n"))
    }
}
