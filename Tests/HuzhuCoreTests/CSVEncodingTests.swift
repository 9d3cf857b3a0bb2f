import Foundation
import Testing
@testable import HuzhuCore

@Suite("CSV text decoding")
final class CSVEncodingTests {
    let scratch: CSVScratch
    init() throws { scratch = try CSVScratch() }

    /// 身份证号,姓名,单位 / 11010519491231002X,张三,包河区 / 440524188001010014,李四,庐阳区 in GB18030, CRLF.
    var gbMembers: [UInt8] {
        GB.header + ascii("\r\n11010519491231002X,") + GB.zhangSan + ascii(",") + GB.baoheQu
            + ascii("\r\n440524188001010014,") + GB.liSi + ascii(",") + GB.luyangQu + ascii("\r\n")
    }

    @Test("UTF-8 without a byte order mark is detected and read")
    func utf8WithoutBOM() throws {
        let url = try scratch.file("m.csv", "身份证号,姓名,单位\n11010519491231002X,张三,包河区\n")
        let reader = try CSVReader(contentsOf: url)
        #expect(reader.encoding == .utf8)
        #expect(!reader.hadByteOrderMark)
        #expect(reader.header == ["身份证号", "姓名", "单位"])
        #expect(try readAll(reader).fields == [["11010519491231002X", "张三", "包河区"]])
    }

    @Test("UTF-8 with a byte order mark: the mark is dropped from the first header")
    func utf8WithBOM() throws {
        let url = try scratch.file("m.csv", bytes: [0xEF, 0xBB, 0xBF] + ascii("身份证号,姓名\r\n1,张三\r\n"))
        let reader = try CSVReader(contentsOf: url)
        #expect(reader.encoding == .utf8)
        #expect(reader.hadByteOrderMark)
        #expect(reader.header == ["身份证号", "姓名"])
        #expect(try readAll(reader).fields == [["1", "张三"]])
    }

    @Test("A GB18030 (GBK) file with Chinese headers is detected and decoded")
    func gb18030Detected() throws {
        let url = try scratch.file("members.csv", bytes: gbMembers)
        let reader = try CSVReader(contentsOf: url)
        #expect(reader.encoding == .gb18030)
        #expect(reader.header == ["身份证号", "姓名", "单位"])
        let result = try readAll(reader)
        #expect(result.fields == [["11010519491231002X", "张三", "包河区"],
                                  ["440524188001010014", "李四", "庐阳区"]])
        #expect(result.lines == [2, 3])
        #expect(result.errors.isEmpty)
    }

    @Test("GB18030 decodes incrementally: tiny chunks give the same records and lines")
    func gb18030SmallChunks() throws {
        let url = try scratch.file("members.csv", bytes: gbMembers + ascii("3,") + GB.cjkExtB + ascii(",x"))
        var options = CSVReader.Options()
        options.chunkSize = 5  // cuts through multi-byte sequences
        let result = try readAll(url, options: options)
        #expect(result.fields == [["11010519491231002X", "张三", "包河区"],
                                  ["440524188001010014", "李四", "庐阳区"],
                                  ["3", "\u{20000}", "x"]])
        #expect(result.lines == [2, 3, 4])
    }

    @Test("UTF-8 split across chunks inside multi-byte characters still reads")
    func utf8SmallChunks() throws {
        let url = try scratch.file("m.csv", bytes: [0xEF, 0xBB, 0xBF] + ascii("姓名,单位\n张三,包河区\n李四,\"庐阳\n区\"\n"))
        var options = CSVReader.Options()
        options.chunkSize = 2
        let reader = try CSVReader(contentsOf: url, options: options)
        #expect(reader.header == ["姓名", "单位"])
        let result = try readAll(reader)
        #expect(result.fields == [["张三", "包河区"], ["李四", "庐阳\n区"]])
        #expect(result.lines == [2, 3])
    }

    @Test("Detection reads the whole file: ASCII for 300 KB, then GBK, is GB18030")
    func detectionSeesLateGBK() throws {
        var bytes = ascii("resident_id,name\n")
        for i in 0..<20_000 { bytes += ascii("\(100_000 + i),ascii\n") }
        bytes += ascii("9,") + GB.zhangSan + ascii("\n")
        let url = try scratch.file("m.csv", bytes: bytes)
        let reader = try CSVReader(contentsOf: url)
        #expect(reader.encoding == .gb18030)
        let result = try readAll(reader)
        #expect(result.records.count == 20_001)
        #expect(result.records.last?.fields == ["9", "张三"])
        #expect(result.records.last?.line == 20_002)
    }

    @Test("Forcing UTF-8 on a GBK file names the line and byte offset")
    func forcedUTF8() throws {
        // "resident_id,name,unit\n" is 22 bytes, "11010519491231002X," 19 more: 张 starts at offset 41.
        let url = try scratch.file("members.csv", bytes: ascii("resident_id,name,unit\n11010519491231002X,") + GB.zhangSan + ascii(",x\n"))
        var options = CSVReader.Options()
        options.encoding = .utf8
        let reader = try CSVReader(contentsOf: url, options: options)
        #expect(reader.header == ["resident_id", "name", "unit"])
        let error = try #require(csvError { _ = try readAll(reader) })
        #expect(error.code == .invalidUTF8)
        #expect(error.description == "members.csv:2: invalid UTF-8 byte 0xD5 at byte offset 41")
    }

    @Test("Forcing GB18030 reads a GBK file; forcing it on a UTF-8 BOM file is refused")
    func forcedGB18030() throws {
        var options = CSVReader.Options()
        options.encoding = CSVEncoding(name: "GBK")
        let gb = try scratch.file("gb.csv", bytes: gbMembers)
        #expect(try readAll(gb, options: options).records.count == 2)

        let utf8 = try scratch.file("u.csv", bytes: [0xEF, 0xBB, 0xBF] + ascii("a\n1\n"))
        let error = try #require(csvError { _ = try CSVReader(contentsOf: utf8, options: options) })
        #expect(error.description == "u.csv: the file starts with a UTF-8 byte order mark but GB18030 was requested")
    }

    @Test("Bytes that are neither UTF-8 nor GB18030 are an error at their line")
    func neitherEncoding() throws {
        let url = try scratch.file("m.csv", bytes: ascii("a,b\n1,") + GB.zhangSan + ascii("\n2,\u{7F}") + [0xFF] + ascii("\n"))
        let reader = try CSVReader(contentsOf: url)
        #expect(reader.encoding == .gb18030)
        var records: [CSVRecord] = []
        let error = try #require(csvError { while let r = try reader.nextRecord() { records.append(r) } })
        // The record before the bad line is delivered before the error.
        #expect(records.map(\.fields) == [["1", "张三"]])
        #expect(error.code == .unknownEncoding)
        // "a,b\n" 4 + "1," 2 + 4 + "\n" 1 + "2," 2 + 0x7F 1 = offset 14
        #expect(error.description == "m.csv:3: neither UTF-8 nor GB18030: invalid byte 0xFF at byte offset 14")
    }

    @Test("A byte order mark in the middle of the file is an error naming its line")
    func bomInMiddle() throws {
        let url = try scratch.file("members.csv", bytes: [0xEF, 0xBB, 0xBF] + ascii("a,b\n1,2\n") + [0xEF, 0xBB, 0xBF] + ascii("a,b\n3,4\n"))
        let reader = try CSVReader(contentsOf: url)
        var records: [CSVRecord] = []
        let error = try #require(csvError { while let r = try reader.nextRecord() { records.append(r) } })
        #expect(records.map(\.fields) == [["1", "2"]])
        #expect(error.code == .byteOrderMarkInMiddle)
        #expect(error.description == "members.csv:3: byte order mark in the middle of the file (were two files joined?)")
    }

    @Test("A NUL byte is an error naming the line and field")
    func nulByte() throws {
        let url = try scratch.file("members.csv", bytes: ascii("身份证号,姓名\n1,ok\n2,x") + [0x00] + ascii("y\n"))
        let error = try #require(csvError { _ = try readAll(url) })
        #expect(error.code == .nulByte)
        #expect(error.field == "姓名")
        #expect(error.description == "members.csv:3: NUL byte in field '姓名' (is this a binary or UTF-16 file?)")
    }

    @Test("A UTF-16 file is refused with advice")
    func utf16() throws {
        let url = try scratch.file("m.csv", bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00])
        let error = try #require(csvError { _ = try CSVReader(contentsOf: url) })
        #expect(error.description == "m.csv: UTF-16 text is not supported; save the file as UTF-8 or GB18030")
    }

    @Test("Encoding names and in-memory detection")
    func namesAndDetection() {
        #expect(CSVEncoding(name: "UTF-8") == .utf8)
        #expect(CSVEncoding(name: "gb2312") == .gb18030)
        #expect(CSVEncoding(name: "latin1") == nil)
        #expect(CSVEncoding.detect(in: Data(GB.baoheQu)) == .gb18030)
        #expect(CSVEncoding.detect(in: Data("包河区".utf8)) == .utf8)
        #expect(CSVEncoding.detect(in: Data([0xFF, 0xFF])) == nil)
    }

    @Test("UTF-8 validation refuses overlong forms, surrogates and cut sequences")
    func utf8Validation() {
        func firstInvalid(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte(in: $0) }
        }
        #expect(firstInvalid(Array("abcdefghij包河区𠀀".utf8)) == nil)
        #expect(firstInvalid([0x61, 0xC0, 0x80]) == 1)          // overlong NUL
        #expect(firstInvalid([0xED, 0xA0, 0x80]) == 0)          // surrogate D800
        #expect(firstInvalid([0x61, 0x62, 0xE5, 0x8C]) == 2)    // cut off
        #expect(firstInvalid([0xF4, 0x90, 0x80, 0x80]) == 0)    // above U+10FFFF
    }

    @Test("A missing file is an unreadable-file error")
    func missingFile() throws {
        let error = try #require(csvError { _ = try CSVReader(contentsOf: scratch.url("nope.csv")) })
        #expect(error.code == .unreadableFile)
        #expect(error.description.hasPrefix("nope.csv: cannot read the file"))
    }
}
