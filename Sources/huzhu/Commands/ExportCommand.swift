import ArgumentParser

/// `huzhu export` (being written).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "(being written)")
}
