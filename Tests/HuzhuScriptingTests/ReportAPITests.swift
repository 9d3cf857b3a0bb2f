import Foundation
import HuzhuCore
import HuzhuReport
import HuzhuScripting
import LuaHost
import Testing

@Suite("huzhu.report: building reports in Lua")
struct ReportAPITests {
    static let table = """
        local r = huzhu.report.new{title = "各区参保情况", subtitle = "上半年", date = "2012-06-30"}
        r:section("各区"):paragraph("说明")
        r:figure{label = "缴费总额", value = 3600000, type = "money"}
        r:figure{label = "单位数", value = 2}
        local t = r:table{title = "各区", total = true, columns = {
          {key = "unit", label = "单位"}, {key = "members", label = "参保人数", type = "integer"},
          {key = "paid", label = "缴费", type = "money"}, {key = "rate", label = "参保率", type = "percent"},
          {key = "since", label = "开始", type = "date"}},
          rows = {{unit = "包河区", members = 1200, paid = 3600000, rate = 4567, since = "2012-01-01"}}}
        t:add{unit = "蜀山区", members = 800, paid = 240050, rate = 1200, since = "2012-02-01"}
        r:chart{type = "bar", table = t, label = "unit", values = {"members"}, title = "参保人数"}
        """

    @Test("a script builds a report; runReport takes the one it returns")
    func builds() throws {
        let fixture = try ScriptFixture()
        let report = try fixture.runner().runReport(source: Self.table + "\nreturn r", name: "reports/x.lua")
        #expect(report.title == "各区参保情况")
        #expect(report.subtitle == "上半年")
        #expect(report.date == CivilDate(year: 2012, month: 6, day: 30))
        #expect(report.blocks.count == 6)
        let table = try #require(report.table(0))
        #expect(table.rows.count == 2)
        #expect(table.rows[1] == [.text("蜀山区"), .integer(800), .integer(240_050), .integer(1200), .date(CivilDate(year: 2012, month: 2, day: 1)!)])
        #expect(table.totals == [nil, 2000, 3_840_050, nil, nil])   // 1200 + 800; 36,000.00 + 2,400.50 yuan
        #expect(report.blocks[5] == .chart(ReportChart(kind: .bar, title: "参保人数", table: 0, labelColumn: "unit", valueColumns: ["members"])))
    }

    @Test("tostring shows the report and the table; r:render gives the text; t:count counts rows")
    func describes() throws {
        let fixture = try ScriptFixture()
        let results = try fixture.run(Self.table + "\nreturn tostring(r), tostring(t), t:count(), r:id(), r:render():sub(1, 19)")
        #expect(results == [.string("Report: #1 “各区参保情况” — 6 blocks, 1 table, 1 chart"),
                            .string("ReportTable: “各区” — 5 columns, 2 rows (report #1)"),
                            .integer(2), .integer(1), .string("各区参保情况\n")])
    }

    @Test("a script that returns nothing but made one report gives that report; lang is what was asked")
    func implicitAndLanguage() throws {
        let fixture = try ScriptFixture()
        let source = "huzhu.report.new{title = huzhu.report.lang() == 'en' and 'Coverage' or '参保'}"
        #expect(try fixture.runner().runReport(source: source, name: "x.lua").title == "参保")
        #expect(try fixture.runner().runReport(source: source, name: "x.lua", language: .en).title == "Coverage")
    }

    @Test("no report, several reports, or something else returned: clear errors")
    func wrongReturns() throws {
        let fixture = try ScriptFixture()
        func problem(_ source: String) throws -> String? {
            do { _ = try fixture.runner().runReport(source: source, name: "x.lua"); return nil } catch let e as ReportScriptError { return e.description }
        }
        #expect(try problem("local a = 1") == "x.lua: made no report (call huzhu.report.new{title = …} and `return r`)")
        #expect(try problem("huzhu.report.new{title = 'a'} huzhu.report.new{title = 'b'}")
                == "x.lua: made 2 reports and returned none; return the one to render (`return r`)")
        #expect(try problem("local a = huzhu.report.new{title = 'a'} local b = huzhu.report.new{title = 'b'} return a, b")
                == "x.lua: returned 2 reports; return the one to render")
        #expect(try problem("huzhu.report.new{title = 'a'} return 'done'")
                == "x.lua: returned a string, not a report (end the script with `return r`, r from huzhu.report.new)")
        let second = try fixture.runner().runReport(source: "local a = huzhu.report.new{title = 'a'}\nlocal b = huzhu.report.new{title = 'b'}\nreturn b", name: "x.lua")
        #expect(second.title == "b")
    }

    @Test("errors keep the script's own line numbers")
    func lineNumbers() throws {
        let fixture = try ScriptFixture()
        do {
            _ = try fixture.runner().runReport(source: "local r = huzhu.report.new{title = 'a'}\n\nr:section(nil)\nreturn r", name: "x.lua")
            Issue.record("no error")
        } catch let error as LuaError {
            #expect(error.message == "x.lua:3: bad argument #1 to 'report:section' (string expected, got nil)")
        }
        do {
            _ = try fixture.runner().runReport(source: "local r = \nreturn r", name: "x.lua")
            Issue.record("no error")
        } catch let error as LuaError {
            #expect(error.message == "x.lua:2: unexpected symbol near 'return'")
        }
    }

    @Test("what a script passes is checked, and the error names the method and the field", arguments: [
        ("huzhu.report.new{titel = 'x'}",
         "bad argument #1 to 'new' (unknown option 'titel'; expected title, subtitle, date)"),
        ("huzhu.report.new{title = 'x', date = '2012-02-30'}",
         "bad argument #1 to 'new' (option 'date': date expected (YYYY-MM-DD), got '2012-02-30')"),
        ("r:table{columns = {{key = 'a', type = 'monye'}}}",
         "bad argument #1 to 'report:table' (columns[1].type: unknown column type 'monye'; expected text, integer, money, percent, date, resident_id, phone)"),
        ("r:table{columns = {{key = 'paid', type = 'money'}}, rows = {{paid = 12.5}}}",
         "bad argument #1 to 'report:table' (rows[1].paid: money must be an integer number of fen, got 12.5)"),
        ("r:table{columns = {{key = 'rate', type = 'percent'}}, rows = {{rate = 0.45}}}",
         "bad argument #1 to 'report:table' (rows[1].rate: percent must be an integer number of basis points (1234 = 12.34%), got 0.45)"),
        ("r:table{columns = {{key = 'a'}, {key = 'n', type = 'integer'}}, rows = {{a = 'x', n = 1}, {a = 'y'}}}",
         "bad argument #1 to 'report:table' (rows[2]: missing column 'n')"),
        ("r:table{columns = {{key = 'a'}}, rows = {{a = 'x', b = 2}}}",
         "bad argument #1 to 'report:table' (rows[1]: unknown column 'b'; expected a)"),
        ("r:table{columns = {{key = 'd', type = 'date'}}, rows = {{d = '2012/01/01'}}}",
         "bad argument #1 to 'report:table' (rows[1].d: date expected (YYYY-MM-DD), got '2012/01/01')"),
        ("r:table{columns = {{key = 'a'}, {key = 'a'}}}",
         "bad argument #1 to 'report:table' (columns[2].key: column 'a' appears twice)"),
        ("r:table{colums = {}}",
         "bad argument #1 to 'report:table' (unknown field 'colums'; expected title, columns, rows, total)"),
        ("r:table{}",
         "bad argument #1 to 'report:table' (field 'columns': a non-empty list of {key =, label =, type =} expected, got nil)"),
        ("r:figure{label = 'x', value = 12.5, type = 'money'}",
         "bad argument #1 to 'report:figure' (field 'value': money must be an integer number of fen, got 12.5)"),
        ("r:figure{label = 'x', value = 0.5}",
         "bad argument #1 to 'report:figure' (field 'value': integer or string expected (or give 'type'), got number)"),
        ("local t = r:table{columns = {{key = 'u'}, {key = 'n', type = 'integer'}}} r:chart{type = 'bar', table = t, label = 'u', values = {'u'}}",
         "bad argument #1 to 'report:chart' (field 'values': column 'u' is text, not numeric (integer, money or percent))"),
        ("local t = r:table{columns = {{key = 'u'}, {key = 'n', type = 'integer'}}} r:chart{type = 'bar', table = t, label = 'x', values = {'n'}}",
         "bad argument #1 to 'report:chart' (field 'label': the table has no column 'x')"),
        ("local t = r:table{columns = {{key = 'u'}, {key = 'n', type = 'integer'}}} r:chart{type = 'pie', table = t, label = 'u', values = {'n', 'n'}}",
         "bad argument #1 to 'report:chart' (field 'values': a pie chart takes exactly one value column, got 2)"),
        ("r:chart{type = 'donut', label = 'u', values = {'n'}}",
         "bad argument #1 to 'report:chart' (field 'type': unknown chart type 'donut'; expected bar, line, pie)"),
        ("r:chart{type = 'bar', table = {}, label = 'u', values = {'n'}}",
         "bad argument #1 to 'report:chart' (field 'table': ReportTable expected, got table)"),
        ("local t = huzhu.report.new{title = 'o'}:table{columns = {{key = 'n', type = 'integer'}}} r:chart{type = 'bar', table = t, label = 'n', values = 'n'}",
         "bad argument #1 to 'report:chart' (field 'table': the table belongs to another report)"),
        ("local t = r:table{columns = {{key = 'n', type = 'integer'}}} t:add{n = 'x'}",
         "bad argument #1 to 'table:add' (row.n: integer expected (integer), got string)"),
        ("r:render('pdf')",
         "bad argument #1 to 'report:render' (unknown format 'pdf'; expected text, csv, md, html)"),
    ])
    func errors(source: String, message: String) throws {
        let fixture = try ScriptFixture()
        let error = try fixture.failure("local r = huzhu.report.new{title = 'T'}\n" + source)
        #expect(error?.message == "test.lua:2: " + message)
    }
}
