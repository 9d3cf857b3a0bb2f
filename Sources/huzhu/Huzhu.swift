import ArgumentParser
import Foundation

/// The `huzhu` command: subcommands in Commands/, one file each.
@main
struct Huzhu: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "huzhu",
        abstract: "Run a trade-union mutual-aid programme (职工互助保障), with rules in Lua.",
        version: version,
        subcommands: [RunCommand.self, CheckCommand.self]
    )

    /// Exit statuses: 0 success, 1 a script or data error, 2 a usage error,
    /// 130 interrupted by Ctrl-C.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                terminate(2)
            }
            exit(withError: error)
        }
    }
}

/// Ends the process after flushing standard output.
func terminate(_ status: Int32) -> Never {
    fflush(stdout)
    Foundation.exit(status)
}
