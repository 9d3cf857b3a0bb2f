import Foundation
import Testing

/// Exit codes (issue 18, item 2): a data condition — a record or run that does not
/// exist, no rule version in force — exits 1 with `huzhu: …`; only a malformed
/// command line exits 2 with `Error:`.
@Suite("data conditions exit 1 with huzhu:, not 2 with Error:")
struct DataErrorExitTests {
    @Test("not found and nothing in force", arguments: [
        (["explain", "policy", "99999999"], "huzhu: no policy 99999999\n"),
        (["schedule", "log", "--run", "999"], "huzhu: no run 999 in the log\n"),
        (["report", "no-such-report"], nil),
        (["rules", "apply", "subsidy", "--year", "2026", "--dry-run"], nil),
    ] as [([String], String?)])
    func dataConditions(arguments: [String], stderr: String?) throws {
        let ws = try TinyWorkspace()
        let result = try CLI.run(arguments, in: ws.url)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("huzhu: "), "\(result.stderr)")
        if let stderr { #expect(result.stderr == stderr) }
    }
}
