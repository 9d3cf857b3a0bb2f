import Foundation
import Testing
@testable import HuzhuCore

@Suite("CSV header mapping")
final class CSVHeaderTests {
    let scratch: CSVScratch
    init() throws { scratch = try CSVScratch() }

    let members = CSVSchema([
        .required("resident_id", "身份证号"),
        .required("name", "姓名"),
        .required("unit", "单位"),
        .optional("phone", "电话"),
        .optional("hardship", "困难职工"),
    ])

    @Test("English headers match in any case and with spaces; Chinese headers map to the same fields")
    func matching() throws {
        let english = try CSVHeader(columns: [" Resident_ID ", "NAME", "unit", "Phone"], schema: members, file: "m.csv")
        #expect(english.index(of: "resident_id") == 0)
        #expect(english.index(of: "phone") == 3)
        #expect(!english.contains("hardship"))

        let chinese = try CSVHeader(columns: ["\u{FEFF}姓名", "单位", "身份证号", "困难职工"], schema: members, file: "m.csv")
        #expect(chinese.index(of: "resident_id") == 2)
        #expect(chinese.index(of: "name") == 0)
        #expect(chinese.index(of: "hardship") == 3)
    }

    @Test("Unknown, duplicate and missing columns are all reported together")
    func headerErrors() throws {
        let errors = try #require(csvErrors {
            _ = try CSVHeader(columns: ["姓名", "phone number", "电话", "name", "phone"], schema: members, file: "members.csv")
        })
        #expect(errors.description == """
            members.csv:1: unknown column 'phone number' (column 2)
            members.csv:1: duplicate column 'name': '姓名' (column 1) and 'name' (column 4)
            members.csv:1: duplicate column 'phone': '电话' (column 3) and 'phone' (column 5)
            members.csv:1: missing required column 'resident_id' (身份证号)
            members.csv:1: missing required column 'unit' (单位)
            """)
        #expect(errors.errors.map(\.code) == [.unknownColumn, .duplicateColumn, .duplicateColumn, .missingColumn, .missingColumn])
    }

    @Test("Rows are read by canonical name; an absent optional column is nil")
    func rowAccess() throws {
        let url = try scratch.file("members.csv", "身份证号,姓名,单位\n11010519491231002X,张三,BH01\n")
        let reader = try CSVReader(contentsOf: url)
        let header = try CSVHeader(reader: reader, schema: members)
        let row = try #require(try reader.nextRow(header))
        #expect(row["resident_id"] == "11010519491231002X")
        #expect(row["name"] == "张三")
        #expect(row["phone"] == nil)
        #expect(row.line == 2)
        #expect(row.file == "members.csv")
        #expect(try reader.nextRow(header) == nil)
    }

    @Test("The row error helper gives file:line: field value: message")
    func rowErrorFormat() throws {
        // Sixteen rows, so the bad one starts on line 17.
        var text = "resident_id,name,unit\n"
        for i in 0..<15 { text += "11010519491231002X,n\(i),BH01\n" }
        text += "340104198013011234,张三,BH01\n"
        let reader = try CSVReader(contentsOf: try scratch.file("members.csv", text))
        let header = try CSVHeader(reader: reader, schema: members)
        var last: CSVRow?
        while let row = try reader.nextRow(header) { last = row }
        let row = try #require(last)
        let error = row.error("resident_id", "invalid birth date (1980-13-01)")
        #expect(error.description == "members.csv:17: resident_id 340104198013011234: invalid birth date (1980-13-01)")
        #expect(error.reason == "resident_id 340104198013011234: invalid birth date (1980-13-01)")
        #expect(error.code == .invalidValue)
        #expect(row.error("resident_id", value: "340104********1234", "invalid birth date").description
                == "members.csv:17: resident_id 340104********1234: invalid birth date")
        #expect(row.error("phone", "required when hardship is set").description
                == "members.csv:17: phone: required when hardship is set")
    }

    @Test("A 'reason' column (from a rejects file) is ignored")
    func reasonIgnored() throws {
        let header = try CSVHeader(columns: ["resident_id", "name", "unit", "reason"], schema: members, file: "r.csv")
        #expect(header.index(of: "unit") == 2)
        let strict = CSVSchema([.required("resident_id")], ignoring: [])
        let errors = try #require(csvErrors { _ = try CSVHeader(columns: ["resident_id", "reason"], schema: strict, file: "r.csv") })
        #expect(errors.description == "r.csv:1: unknown column 'reason' (column 2)")
    }

    @Test("A column with a blank header may stay empty; a value in it is a row error")
    func unnamedColumns() throws {
        let url = try scratch.file("members.csv", "resident_id,name,unit,\n1,a,u,\n2,b,u,oops\n")
        let reader = try CSVReader(contentsOf: url)
        let header = try CSVHeader(reader: reader, schema: members)
        #expect(header.unnamedColumns == [3])
        let first = try #require(try reader.nextRow(header))
        let second = try #require(try reader.nextRow(header))
        #expect(first.errors.isEmpty)
        #expect(second.errors.map(\.description) == ["members.csv:3: column 4 has a value but no header"])
    }

    @Test("A ragged row keeps its error in the row, and missing values read as empty")
    func raggedRow() throws {
        let url = try scratch.file("members.csv", "resident_id,name,unit\n1,a\n")
        let reader = try CSVReader(contentsOf: url)
        let header = try CSVHeader(reader: reader, schema: members)
        let row = try #require(try reader.nextRow(header))
        #expect(row.errors.map(\.description) == ["members.csv:2: expected 3 fields, got 2"])
        #expect(row["unit"] == "")
    }
}
