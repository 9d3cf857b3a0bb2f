import Foundation
import Testing
@testable import HuzhuCore

@Suite("CSV writing and rejects")
final class CSVWriterTests {
    let scratch: CSVScratch
    init() throws { scratch = try CSVScratch() }

    @Test("Writer output byte for byte: BOM, CRLF, quoting of comma, quote, CR and LF")
    func writerBytes() throws {
        let url = scratch.url("out.csv")
        let writer = try CSVWriter(url: url)
        try writer.writeRow(["身份证号", "姓名", "备注"])
        try writer.writeRow(["1", "张\"三\"", "a,b"])
        try writer.writeRow(["2", "line\nbreak", "cr\r"])
        try writer.writeRow(["", " spaced ", "plain"])
        try writer.close()
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
            + ascii("身份证号,姓名,备注\r\n")
            + ascii("1,\"张\"\"三\"\"\",\"a,b\"\r\n")
            + ascii("2,\"line\nbreak\",\"cr\r\"\r\n")
            + ascii(", spaced ,plain\r\n")
        #expect(try scratch.bytes("out.csv") == expected)
        #expect(writer.rowCount == 4)
    }

    @Test("formula injection: text cells starting with = + - @ tab or CR get a leading quote; numbers stay numbers")
    func formulas() throws {
        var options = CSVWriter.Options()
        options.writesByteOrderMark = false
        options.lineEnding = .lf
        var out = Data()
        let writer = CSVWriter(options: options) { out.append($0) }
        try writer.writeRow(["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(1+1)", "\tx", "\rx"])
        try writer.writeRow(["=HYPERLINK(\"http://x\")", "-12.50", "+3", "12", "-", "a=b", "张=三"])
        try writer.writeRow(["=\"11010519491231002X\"", "=\"a\"&\"b\""])   // the exporter's Excel text stays
        try writer.close()
        #expect(String(decoding: out, as: UTF8.self) == """
            '=cmd|' /C calc'!A0,"'+SUM(1,2)",'-2+3,'@SUM(1+1),'\tx,"'\rx"
            "'=HYPERLINK(""http://x"")",-12.50,+3,12,'-,a=b,张=三

            """ + #""=""11010519491231002X""","'=""a""&""b""""# + "\n")
        // Rejects files keep the rows as the office sent them, to be corrected and imported again.
        var raw = CSVWriter.Options()
        raw.neutralisesFormulas = false
        raw.writesByteOrderMark = false
        var plain = Data()
        let rawWriter = CSVWriter(options: raw) { plain.append($0) }
        try rawWriter.writeRow(["=1+1"])
        try rawWriter.close()
        #expect(String(decoding: plain, as: UTF8.self) == "=1+1\r\n")
    }

    @Test("LF line ends and no byte order mark are options")
    func writerOptions() throws {
        var options = CSVWriter.Options()
        options.lineEnding = .lf
        options.writesByteOrderMark = false
        let writer = try CSVWriter(url: scratch.url("lf.csv"), options: options)
        try writer.writeRow(["a", "b"])
        try writer.writeRow(["1", "x\ny"])
        try writer.close()
        #expect(try scratch.bytes("lf.csv") == ascii("a,b\n1,\"x\ny\"\n"))
    }

    @Test("The writer streams: output leaves in pieces, not as one whole file")
    func writerStreams() throws {
        var options = CSVWriter.Options()
        options.bufferSize = 100
        var pieces: [Data] = []
        let writer = CSVWriter(options: options) { pieces.append($0) }
        for i in 0..<1_000 { try writer.writeRow(["\(i)", "张三", "包河区"]) }
        try writer.close()
        #expect(pieces.count > 100)
        #expect(pieces.allSatisfy { $0.count < 200 })
        let whole = pieces.reduce(Data(), +)
        #expect(whole.count == 3 + (0..<1_000).reduce(0) { $0 + "\($1),张三,包河区\r\n".utf8.count })
    }

    @Test("What the writer writes, the reader reads back unchanged")
    func roundTrip() throws {
        let rows = [["id", "text"], ["1", "a,b"], ["2", "say \"hi\""], ["3", "two\r\nlines"], ["4", "张三"], ["5", ""]]
        let writer = try CSVWriter(url: scratch.url("rt.csv"))
        for row in rows { try writer.writeRow(row) }
        try writer.close()
        let reader = try CSVReader(contentsOf: scratch.url("rt.csv"))
        #expect(reader.header == rows[0])
        #expect(try readAll(reader).fields == Array(rows.dropFirst()))
    }

    @Test("Rejects file byte for byte: original columns, a reason column, short rows padded, long rows kept")
    func rejectsBytes() throws {
        let input = try scratch.file("members.csv", "身份证号,姓名,单位\n340104198013011234,张三,BH01\n1,短\n2,长,U,extra\n")
        let reader = try CSVReader(contentsOf: input)
        let schema = CSVSchema([.required("resident_id", "身份证号"), .required("name", "姓名"), .required("unit", "单位")])
        let header = try CSVHeader(reader: reader, schema: schema)
        let rejects = try RejectsWriter(url: scratch.url("rejects.csv"), columns: reader.header)
        while let row = try reader.nextRow(header) {
            var errors = row.errors
            if row.line == 2 {
                errors.append(row.error("resident_id", "invalid birth date (1980-13-01)"))
                errors.append(row.error("unit", "no such unit"))
            }
            try rejects.write(row, errors: errors)
        }
        try rejects.close()
        #expect(rejects.count == 3)
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
            + ascii("身份证号,姓名,单位,reason\r\n")
            + ascii("340104198013011234,张三,BH01,resident_id 340104198013011234: invalid birth date (1980-13-01); unit BH01: no such unit\r\n")
            + ascii("1,短,,\"expected 3 fields, got 2\"\r\n")
            + ascii("2,长,U,\"expected 3 fields, got 4\",extra\r\n")
        #expect(try scratch.bytes("rejects.csv") == expected)

        // The rejects file can be read back with the same schema: 'reason' is ignored.
        let again = try CSVReader(contentsOf: scratch.url("rejects.csv"))
        let againHeader = try CSVHeader(reader: again, schema: schema)
        #expect(try again.nextRow(againHeader)?["resident_id"] == "340104198013011234")
    }
}
