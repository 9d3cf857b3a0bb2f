import ArgumentParser

/// `huzhu import` (being written).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "(being written)")
}
