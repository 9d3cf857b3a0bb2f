import Foundation
import Testing

/// docs/import-export.md documents `--plain-ids`; the parser must know it by that name.
@Suite("huzhu export --plain-ids")
struct PlainIDsFlagTests {
    @Test("--plain-ids with --unmasked writes bare digits; the help names the flag as documented")
    func plainIDs() throws {
        let ws = try TinyWorkspace()
        let result = try CLI.run(["export", "members", "--unmasked", "--plain-ids"], in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("=\"") && result.stdout.contains("\n340104"))
        let help = try CLI.run(["export", "--help"])
        #expect(help.stdout.contains("--plain-ids") && !help.stdout.contains("--plain-i-ds"))
    }
}
