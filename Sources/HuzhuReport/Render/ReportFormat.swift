/// The formats a report renders to.
///
/// ```swift
/// let html = ReportFormat.html.render(report, options: RenderOptions(language: .en))
/// ```
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Terminal text; columns line up with Chinese text.
    case text
    /// CSV, UTF-8 with a byte order mark and CRLF line ends.
    case csv
    /// GitHub-flavoured Markdown.
    case md
    /// One self-contained HTML file with inline CSS and SVG charts.
    case html

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .csv: return "csv"
        case .md: return "md"
        case .html: return "html"
        }
    }

    /// Renders `report` in this format.
    public func render(_ report: Report, options: RenderOptions = RenderOptions()) -> String {
        switch self {
        case .text: return TextRenderer(options: options).render(report)
        case .csv: return CSVRenderer(options: options).render(report)
        case .md: return MarkdownRenderer(options: options).render(report)
        case .html: return HTMLRenderer(options: options).render(report)
        }
    }
}
