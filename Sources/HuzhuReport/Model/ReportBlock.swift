/// One part of a report's body, in reading order.
public enum ReportBlock: Sendable, Hashable {
    /// A section heading.
    case section(String)
    /// A paragraph of text.
    case paragraph(String)
    /// A headline number.
    case figure(KeyFigure)
    /// A table.
    case table(ReportTable)
    /// A chart over one of the report's tables.
    case chart(ReportChart)
}
