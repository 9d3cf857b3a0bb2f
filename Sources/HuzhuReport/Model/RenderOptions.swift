/// How to render: the renderers' language and whether personal data shows in full.
///
/// ```swift
/// var options = RenderOptions()
/// options.language = .en
/// options.unmasked = true   // full resident IDs and phone numbers
/// ```
public struct RenderOptions: Sendable, Hashable {
    /// The language of the renderer's own words; Chinese by default.
    public var language: ReportLanguage
    /// Show resident IDs and phone numbers in full; masked by default
    /// (`340104********1234`, `138****5678`).
    public var unmasked: Bool

    public init(language: ReportLanguage = .zh, unmasked: Bool = false) {
        self.language = language
        self.unmasked = unmasked
    }

    /// The words of ``language``.
    public var strings: ReportStrings { ReportStrings(language) }
}
