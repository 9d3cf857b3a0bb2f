import ArgumentParser

/// `huzhu demo` (being written).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "(being written)")
}
