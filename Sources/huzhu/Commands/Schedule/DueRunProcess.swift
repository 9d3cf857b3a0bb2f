import Foundation
import HuzhuScripting

/// One `huzhu schedule run-due` in a process of its own, so that a job which
/// crashes (a trap, the kernel's OOM killer, a signal) ends that process
/// only: the daemon that started it goes on.
enum DueRunProcess {
    /// How the process ended.
    enum Outcome: Equatable {
        /// It exited with this status (0, 1 if a run failed, 130 if stopped).
        case exited(Int32)
        /// It was ended by this signal.
        case crashed(pid: Int32, signal: Int32)
    }

    /// Runs what is due at `now` in a child process and waits for it. A
    /// SIGTERM to the daemon is passed on to the child (Ctrl-C reaches both,
    /// being sent to the terminal's whole process group).
    static func run(root: URL, operatorName: String?, now: Date, stop: StopRequest) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var arguments = ["schedule", "run-due", "--workspace", root.path, "--now", formatter.string(from: now)]
        if let operatorName { arguments += ["--operator", operatorName] }
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var passedOn = false
        while process.isRunning {
            if !passedOn, stop.reason == "SIGTERM" {
                kill(process.processIdentifier, SIGTERM)
                passedOn = true
            }
            usleep(20_000)
        }
        if process.terminationReason == .uncaughtSignal {
            return .crashed(pid: process.processIdentifier, signal: process.terminationStatus)
        }
        return .exited(process.terminationStatus)
    }
}
