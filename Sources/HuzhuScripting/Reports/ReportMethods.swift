import HuzhuCore
import HuzhuReport
import LuaHost

/// The methods of the `Report` and `ReportTable` objects scripts build reports with.
///
/// ```lua
/// local r = huzhu.report.new{title = "各区参保情况", date = "2012-06-30"}
/// r:section("总体情况")
/// r:figure{label = "缴费总额", value = 3600000, type = "money"}
/// local t = r:table{title = "各区", columns = {
///   {key = "unit", label = "单位"}, {key = "members", label = "参保人数", type = "integer"}},
///   rows = {{unit = "包河区", members = 1200}}}
/// r:chart{type = "bar", table = t, label = "unit", values = {"members"}, title = "参保人数"}
/// return r
/// ```
enum ReportMethods {
    static let tableFields = ["title", "columns", "rows", "total"]
    static let chartFields = ["type", "table", "label", "values", "title"]
    static let figureFields = ["label", "value", "type"]

    static func add(to type: LuaObjectType<ReportBuilder>, tableType: LuaObjectType<ReportTableHandle>, session: ReportSession) {
        type.method("id") { builder, call in call.push(Int64(builder.id)) }
        type.method("section") { builder, call in
            builder.report.section(try MethodArguments(call: call, name: "report:section").string(1))
            return try call.push(builder, as: type)
        }
        type.method("paragraph") { builder, call in
            builder.report.paragraph(try MethodArguments(call: call, name: "report:paragraph").string(1))
            return try call.push(builder, as: type)
        }
        type.method("figure") { builder, call in
            try figure(builder, MethodArguments(call: call, name: "report:figure"))
            return try call.push(builder, as: type)
        }
        type.method("table") { builder, call in
            let index = try table(builder, MethodArguments(call: call, name: "report:table"))
            return try call.push(ReportTableHandle(builder: builder, index: index), as: tableType)
        }
        type.method("chart") { builder, call in
            try chart(builder, MethodArguments(call: call, name: "report:chart"), tableType: tableType)
            return try call.push(builder, as: type)
        }
        type.method("render") { builder, call in
            let arguments = MethodArguments(call: call, name: "report:render")
            let name = try arguments.optionalString(1) ?? "text"
            guard let format = ReportFormat(rawValue: name) else {
                throw arguments.fail(1, "unknown format '\(name)'; expected \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return call.push(format.render(builder.report, options: RenderOptions(language: session.language)))
        }
    }

    static func add(to type: LuaObjectType<ReportTableHandle>) {
        type.method("add") { handle, call in
            let arguments = MethodArguments(call: call, name: "table:add")
            guard let table = handle.table else { throw arguments.fail(1, "the table is gone") }
            let row = try self.row(arguments.value(1), columns: table.columns, path: "row") { arguments.fail(1, $0) }
            try handle.builder.report.updateTable(handle.index) { try $0.append(row) }
            return try call.push(handle, as: type)
        }
        type.method("count") { handle, call in call.push(Int64(handle.table?.rows.count ?? 0)) }
    }

    // MARK: - Figures

    private static func figure(_ builder: ReportBuilder, _ arguments: MethodArguments) throws {
        let fields = try arguments.fields(1, allowed: figureFields)
        let label = try fields.requiredString("label")
        let value = fields["value"]
        let type: ValueType
        if let name = try fields.string("type") {
            guard let named = ReportCells.type(name) else { throw fields.fail("field 'type': " + ReportCells.unknownType(name)) }
            type = named
        } else {
            switch value {
            case .integer: type = .integer
            case .string: type = .text
            default: throw fields.fail("field 'value': integer or string expected (or give 'type'), got \(value.typeName)")
            }
        }
        switch ReportCells.convert(value, as: type) {
        case .success(let converted): try builder.report.figure(KeyFigure(label: label, value: converted, type: type))
        case .failure(let problem): throw fields.fail("field 'value': " + problem.text)
        }
    }

    // MARK: - Tables

    private static func table(_ builder: ReportBuilder, _ arguments: MethodArguments) throws -> Int {
        let fields = try arguments.fields(1, allowed: tableFields)
        let title = try fields.string("title")
        guard case .array(let specs) = fields["columns"], !specs.isEmpty else {
            throw fields.fail("field 'columns': a non-empty list of {key =, label =, type =} expected, got \(fields["columns"].typeName)")
        }
        var columns: [ReportColumn] = []
        for (index, spec) in specs.enumerated() {
            let path = "columns[\(index + 1)]"
            guard case .table(let column) = spec else { throw fields.fail("\(path): table expected, got \(spec.typeName)") }
            for key in column.keys.sorted() where !["key", "label", "type"].contains(key) {
                throw fields.fail("\(path): unknown field '\(key)'; expected key, label, type")
            }
            guard case .string(let key)? = column["key"] else {
                throw fields.fail("\(path).key: string expected, got \(column["key"]?.typeName ?? "nil")")
            }
            let label: String
            switch column["label"] ?? .nil {
            case .nil: label = key
            case .string(let s): label = s
            case let other: throw fields.fail("\(path).label: string expected, got \(other.typeName)")
            }
            var type = ValueType.text
            switch column["type"] ?? .nil {
            case .nil: break
            case .string(let name):
                guard let named = ReportCells.type(name) else { throw fields.fail("\(path).type: " + ReportCells.unknownType(name)) }
                type = named
            case let other: throw fields.fail("\(path).type: string expected, got \(other.typeName)")
            }
            if columns.contains(where: { $0.key == key }) { throw fields.fail("\(path).key: column '\(key)' appears twice") }
            columns.append(ReportColumn(key: key, label: label, type: type))
        }
        var table = try ReportTable(title: title, columns: columns, showsTotal: try fields.boolean("total") ?? false)
        switch fields["rows"] {
        case .nil, .table([:]): break
        case .array(let rows):
            for (index, row) in rows.enumerated() {
                try table.append(try self.row(row, columns: columns, path: "rows[\(index + 1)]", fail: fields.fail))
            }
        case let other: throw fields.fail("field 'rows': a list of rows expected, got \(other.typeName)")
        }
        return builder.report.add(table)
    }

    /// One row given by column keys, in column order.
    static func row(_ value: LuaValue, columns: [ReportColumn], path: String,
                    fail: (String) -> LuaArgumentError) throws -> [ReportValue] {
        let cells: [String: LuaValue]
        switch value {
        case .table(let t): cells = t
        case .array: throw fail("\(path): a table keyed by column expected, got a list")
        default: throw fail("\(path): table expected, got \(value.typeName)")
        }
        for key in cells.keys.sorted() where !columns.contains(where: { $0.key == key }) {
            throw fail("\(path): unknown column '\(key)'; expected \(columns.map(\.key).joined(separator: ", "))")
        }
        return try columns.map { column in
            guard let cell = cells[column.key] else { throw fail("\(path): missing column '\(column.key)'") }
            switch ReportCells.convert(cell, as: column.type) {
            case .success(let converted): return converted
            case .failure(let problem): throw fail("\(path).\(column.key): " + problem.text)
            }
        }
    }

    // MARK: - Charts

    private static func chart(_ builder: ReportBuilder, _ arguments: MethodArguments,
                              tableType: LuaObjectType<ReportTableHandle>) throws {
        let fields = try arguments.fields(1, allowed: chartFields)
        let typeName = try fields.requiredString("type")
        guard let kind = ChartKind(rawValue: typeName) else {
            throw fields.fail("field 'type': unknown chart type '\(typeName)'; expected \(ChartKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let handle = try arguments.object(1, field: "table", tableType) else {
            throw fields.fail("field 'table': ReportTable expected (the result of r:table{…}), got nil")
        }
        guard handle.builder === builder else { throw fields.fail("field 'table': the table belongs to another report") }
        let label = try fields.requiredString("label")
        var values: [String] = []
        switch fields["values"] {
        case .string(let key): values = [key]
        case .array(let keys):
            for (index, key) in keys.enumerated() {
                guard case .string(let s) = key else { throw fields.fail("values[\(index + 1)]: string expected, got \(key.typeName)") }
                values.append(s)
            }
        case let other: throw fields.fail("field 'values': a list of column keys expected, got \(other.typeName)")
        }
        let chart = ReportChart(kind: kind, title: try fields.string("title"), table: handle.index,
                                labelColumn: label, valueColumns: values)
        do {
            try builder.report.add(chart)
        } catch let error as ReportError {
            switch error {
            case .chartColumn(let key) where key == label: throw fields.fail("field 'label': " + error.description)
            case .chartColumn, .chartNotNumeric, .chartSeries: throw fields.fail("field 'values': " + error.description)
            default: throw fields.fail(error.description)
            }
        }
    }
}
