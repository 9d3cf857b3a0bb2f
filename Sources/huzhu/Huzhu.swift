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
        subcommands: [
            InitCommand.self, RunCommand.self, CheckCommand.self, RulesCommand.self, ExplainCommand.self,
            ImportCommand.self, ExportCommand.self, DemoCommand.self, ReplCommand.self, ApiCommand.self, BenchCommand.self,
            ScheduleCommand.self, LedgerCommand.self, ClaimsCommand.self, AppraiseCommand.self,
            ReportCommand.self, DoctorCommand.self,
        ]
    )

    /// Exit statuses: 0 success, 1 a script or data error, 2 a usage error,
    /// 130 interrupted by Ctrl-C.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Diagnostics.write(fullMessage(for: error) + "\n")
                terminate(2)
            }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            Diagnostics.write("Error: \(error.message)\n")
            terminate(2)
        } catch let error as ExitCode {
            terminate(error.rawValue)
        } catch is CleanExit {
            exit(withError: CleanExit.message(""))
        } catch {
            Diagnostics.write("huzhu: \(error)\n")
            terminate(1)
        }
        terminate(0)
    }
}

/// Ends the process after flushing standard output.
func terminate(_ status: Int32) -> Never {
    fflush(stdout)
    Foundation.exit(status)
}
