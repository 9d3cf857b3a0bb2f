/// The language of a renderer's own words ("生成日期" or "Generated"); the
/// report's text is the script's and is never translated.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    /// Chinese, the default.
    case zh
    /// English.
    case en
}
