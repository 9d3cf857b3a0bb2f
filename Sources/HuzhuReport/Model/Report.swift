import HuzhuValues

/// A report: a title and an ordered body of sections, paragraphs, key
/// figures, tables and charts, which every renderer writes in its own format.
///
/// Rendering is deterministic: nothing depends on the clock (a report shows
/// a date only when it is given one), so golden files can pin the output.
///
/// ```swift
/// var report = Report(title: "参保情况", date: CivilDate(year: 2012, month: 6, day: 30))
/// report.section("各区")
/// let t = report.add(try ReportTable(title: "各区参保", columns: columns))
/// try report.updateTable(t) { try $0.append([.text("包河区"), .integer(1200)]) }
/// try report.add(ReportChart(kind: .bar, table: t, labelColumn: "unit", valueColumns: ["members"]))
/// print(ReportFormat.text.render(report))
/// ```
public struct Report: Sendable, Hashable {
    public var title: String
    public var subtitle: String?
    /// The date the report is as of, shown as "生成日期"/"Generated"; nil shows none.
    public var date: CivilDate?
    /// The body, in order.
    public private(set) var blocks: [ReportBlock] = []

    public init(title: String, subtitle: String? = nil, date: CivilDate? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.date = date
    }

    /// Adds a section heading.
    public mutating func section(_ heading: String) { blocks.append(.section(heading)) }

    /// Adds a paragraph.
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }

    /// Adds a key figure.
    ///
    /// - Throws: ``ReportError/figureType(label:type:)`` when the value does not fit the type.
    public mutating func figure(_ figure: KeyFigure) throws {
        guard figure.type.accepts(figure.value) else { throw ReportError.figureType(label: figure.label, type: figure.type) }
        blocks.append(.figure(figure))
    }

    /// Adds a table.
    ///
    /// - Returns: The table's number for ``table(_:)``, ``updateTable(_:_:)`` and charts (0 for the first).
    @discardableResult
    public mutating func add(_ table: ReportTable) -> Int {
        blocks.append(.table(table))
        return tableBlocks.count - 1
    }

    /// Adds a chart over one of the report's tables.
    ///
    /// - Throws: ``ReportError/chartTable(index:)`` and the errors of ``ReportChart/validate(against:)``.
    public mutating func add(_ chart: ReportChart) throws {
        guard let table = table(chart.table) else { throw ReportError.chartTable(index: chart.table) }
        try chart.validate(against: table)
        blocks.append(.chart(chart))
    }

    /// The tables, in order.
    public var tables: [ReportTable] {
        blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }

    /// Table number `index` (0 for the first), if there is one.
    public func table(_ index: Int) -> ReportTable? {
        let positions = tableBlocks
        guard positions.indices.contains(index), case .table(let t) = blocks[positions[index]] else { return nil }
        return t
    }

    /// Changes table number `index` in place (to add rows, say).
    ///
    /// - Throws: ``ReportError/chartTable(index:)`` when there is no such table; `body`'s errors.
    public mutating func updateTable(_ index: Int, _ body: (inout ReportTable) throws -> Void) throws {
        let positions = tableBlocks
        guard positions.indices.contains(index), case .table(var t) = blocks[positions[index]] else {
            throw ReportError.chartTable(index: index)
        }
        blocks[positions[index]] = .paragraph("")   // drop the array's copy: appending stays O(1)
        defer { blocks[positions[index]] = .table(t) }
        try body(&t)
    }

    /// Where the tables are in ``blocks``.
    private var tableBlocks: [Int] {
        blocks.indices.filter { if case .table = blocks[$0] { return true } else { return false } }
    }
}
