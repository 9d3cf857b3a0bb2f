import ArgumentParser

/// `huzhu schedule …`: scheduled jobs (`[[jobs]]` in huzhu.toml).
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Run the jobs declared in huzhu.toml on their schedule, and show their log.",
        discussion: """
            Jobs are [[jobs]] tables in huzhu.toml (name, script, cron, timezone, overlap, \
            catch_up, timeout, args, output, enabled). Either have system cron or a systemd \
            timer run `huzhu schedule run-due` every minute, or keep `huzhu schedule daemon` \
            running. Each run is one transaction, like `huzhu run`, and is logged in the \
            database. Every schedule command first marks runs left "running" by a process \
            that died as interrupted, and deletes log rows older than [schedule] keep_days.
            """,
        subcommands: [
            ScheduleListCommand.self, ScheduleRunDueCommand.self, ScheduleDaemonCommand.self,
            ScheduleRunCommand.self, ScheduleLogCommand.self,
        ]
    )
}
