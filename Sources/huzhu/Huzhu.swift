import ArgumentParser
import Foundation
import LuaHost

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
            ReportCommand.self, DoctorCommand.self, PlansCommand.self, RenewCommand.self, PoliciesCommand.self,
            BackupCommand.self, RestoreCommand.self, MembersCommand.self,
            PayoutsCommand.self,
        ]
    )

    /// Exit statuses: 0 success, 1 a script or data error, 2 a usage error,
    /// 130 interrupted by Ctrl-C.
    static func main() {
        // Personal data stays with its owner: every file and folder this process
        // creates (database, WAL, settings, scripts, outputs) is owner-only.
        umask(0o077)
        refuseHelpForUnknownCommand(Array(CommandLine.arguments.dropFirst()))
        var command: ParsableCommand
        do {
            command = try quickRun() ?? parseAsRoot()
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
        } catch {
            // The parser's own outcomes thrown from run(): a help request (`huzhu help NAME`,
            // a bare group command) prints that help and exits 0; a bad name is a usage error.
            switch exitCode(for: error) {
            case .success:
                exit(withError: error)
            case .validationFailure:
                Diagnostics.write(fullMessage(for: error) + "\n")
                terminate(2)
            default:
                Diagnostics.write("huzhu: \(error)\n")
                terminate(1)
            }
        }
        terminate(0)
    }
}

extension Huzhu {
    /// `huzhu run SCRIPT …` parsed by `RunCommand` alone: building the whole
    /// command tree (every subcommand's arguments, type metadata and protocol
    /// conformance lookups) was a third of a run's start-up (issue 18, B5).
    /// Anything else — help, a parse error — goes through the root parser as
    /// before, so its messages are the same.
    static func quickRun() -> ParsableCommand? {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.first == "run",
              !arguments.contains(where: { ["-h", "--help", "-help", "help", "--version", "--generate-completion-script"].contains($0) })
        else { return nil }
        return try? RunCommand.parse(Array(arguments.dropFirst()))
    }

    /// `huzhu help WORDS…` whose words do not name a command is a usage error (the
    /// parser alone would show the root's help and exit 0).
    static func refuseHelpForUnknownCommand(_ arguments: [String]) {
        guard arguments.first == "help" else { return }
        var command: ParsableCommand.Type = Huzhu.self
        var path = "huzhu"
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            if word == "help" { return }   // the parser's own help command
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word }) else {
                Diagnostics.write("Error: '\(word)' is not a command of '\(path)'.\n  See '\(path) --help' for the list of commands.\n")
                terminate(2)
            }
            command = next
            path += " " + word
        }
    }
}

/// Ends the process after flushing standard output.
func terminate(_ status: Int32) -> Never {
    StandardOutput.flush()
    Foundation.exit(status)
}
