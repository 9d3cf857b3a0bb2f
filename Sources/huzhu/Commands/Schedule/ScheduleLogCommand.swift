import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuReport
import HuzhuScripting

/// `huzhu schedule log [NAME]`: the run log as a table, or one run in full.
struct ScheduleLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the latest runs of all jobs or of one, or one run in full with its output.",
        discussion: "Times are shown in the workspace's time zone. Statuses: running, succeeded, failed, interrupted, skipped."
    )

    @Argument(help: ArgumentHelp("Only this job's runs.", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("How many runs to show, newest first.", valueName: "n"))
    var limit = 20

    @Option(name: .customLong("run"), help: ArgumentHelp("Show this run in full: message, script hash and the tail of its output.", valueName: "id"))
    var runID: Int64?

    @OptionGroup var workspaceOptions: WorkspaceOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1 (got \(limit))") }
    }

    func run() throws {
        let (_, scheduler) = try ScheduleSupport.open(workspaceOptions, now: Date())
        let zone = ScheduleSupport.workspaceZone(scheduler.config)
        if let runID {
            guard let row = try scheduler.database.read({ try JobRunLog.run($0, id: runID) }) else {
                throw DataError("no run \(runID) in the log")
            }
            print(ScheduleLogFormat.detail(row, zone: zone), terminator: "")
            return
        }
        let rows = try scheduler.database.read { try JobRunLog.recent($0, job: name, limit: limit) }
        guard !rows.isEmpty else {
            print(name.map { "no runs of \($0) in the log" } ?? "no runs in the log")
            return
        }
        print(ScheduleLogFormat.table(rows, zone: zone), terminator: "")
    }
}

/// How `schedule log` shows runs.
enum ScheduleLogFormat {
    static let messageWidth = 72

    /// An aligned table, one run per line, newest first.
    static func table(_ rows: [JobRun], zone: TimeZone) -> String {
        let header = ["RUN", "JOB", "SCHEDULED", "STARTED", "TOOK", "STATUS", "MESSAGE"]
        let body = rows.map { row -> [String] in
            [String(row.id ?? 0), row.job,
             row.scheduledDate.map { ZonedTime.format($0, in: zone) } ?? "by hand",
             row.startedDate.map { ZonedTime.format($0, in: zone, seconds: true) } ?? row.startedAt,
             took(row), row.status.rawValue, shorten(row.message)]
        }
        let all = [header] + body
        let widths = header.indices.map { column in all.map { TextWidth.of($0[column]) }.max() ?? 0 }
        return all.map { cells in
            cells.enumerated().map { column, cell in
                column == 0 || column == 4 ? TextWidth.rightAligned(cell, to: widths[column])
                    : column == cells.count - 1 ? cell : TextWidth.padded(cell, to: widths[column])
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression) + "\n"
        }.joined()
    }

    /// One run in full.
    static func detail(_ row: JobRun, zone: TimeZone) -> String {
        var lines = ["run \(row.id ?? 0) of \(row.job) (\(row.trigger == .manual ? "by hand" : "scheduled"))",
                     "status     \(row.status.rawValue)"]
        if let scheduled = row.scheduledDate { lines.append("scheduled  \(ZonedTime.format(scheduled, in: zone))") }
        lines.append("started    " + (row.startedDate.map { ZonedTime.format($0, in: zone, seconds: true) } ?? row.startedAt))
        if let ended = row.endedDate { lines.append("ended      \(ZonedTime.format(ended, in: zone, seconds: true)) (took \(took(row)))") }
        if let script = row.scriptName { lines.append("script     \(script)" + (row.scriptSHA256.map { " (sha256 \($0))" } ?? "")) }
        if let operatorName = row.operatorName { lines.append("operator   \(operatorName)") }
        if let pid = row.pid { lines.append("process    pid \(pid)" + (row.host.map { " on \($0)" } ?? "")) }
        if let message = row.message { lines.append("message    " + message.replacingOccurrences(of: "\n", with: "\n           ")) }
        if let tail = row.outputTail {
            lines.append("output (last \(JobRunLog.tailBytes / 1024) KiB):")
            lines.append(tail.hasSuffix("\n") ? String(tail.dropLast()) : tail)
        } else {
            lines.append("output     none")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `0.4 s`, `12 s`, `3 min 20 s`; empty while running.
    static func took(_ row: JobRun) -> String {
        guard let start = row.startedDate, let end = row.endedDate else { return "" }
        let seconds = max(0, end.timeIntervalSince(start))
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }

    /// The message's first line, cut to the table's width.
    static func shorten(_ message: String?) -> String {
        guard let first = message?.split(separator: "\n").first.map(String.init) else { return "" }
        guard TextWidth.of(first) > messageWidth else { return first }
        var cut = "", width = 0
        for character in first {
            let w = TextWidth.of(String(character))
            if width + w > messageWidth - 1 { break }
            cut.append(character)
            width += w
        }
        return cut + "…"
    }
}
