import ArgumentParser

/// `huzhu members …`: members as a whole.
struct MembersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Work on members as a whole: remove the personal data of people who left.",
        discussion: "See docs/security.md (\"People who left\").",
        subcommands: [MembersAnonymiseCommand.self]
    )
}
