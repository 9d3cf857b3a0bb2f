import Foundation
import Testing
@testable import HuzhuCore

@Suite("CSV streaming")
final class CSVStreamingTests {
    let scratch: CSVScratch
    init() throws { scratch = try CSVScratch() }

    @Test("A generated 200,000-row file streams through with every row and line counted")
    func twoHundredThousandRows() throws {
        let url = scratch.url("big.csv")
        let writer = try CSVWriter(url: url)
        try writer.writeRow(["身份证号", "姓名", "单位", "电话", "困难职工", "入会日期"])
        for i in 0..<200_000 {
            let note = i % 1_000 == 0 ? "多行\n备注" : "张三"
            try writer.writeRow(["3401041980\(String(format: "%08d", i))", note, "BH\(i % 97)", "13800000000", i % 2 == 0 ? "是" : "否", "2024-07-01"])
        }
        try writer.close()

        let reader = try CSVReader(contentsOf: url)
        let schema = CSVSchema([.required("resident_id", "身份证号"), .required("name", "姓名"), .required("unit", "单位"),
                                .optional("phone", "电话"), .optional("hardship", "困难职工"), .optional("joined_on", "入会日期")])
        let header = try CSVHeader(reader: reader, schema: schema)
        var count = 0, errors = 0, lastLine = 0, lastID = ""
        var progressCalls = 0
        reader.onProgress = { _ in progressCalls += 1 }
        while let row = try reader.nextRow(header) {
            count += 1
            errors += row.errors.count
            lastLine = row.line
            lastID = row["resident_id"] ?? ""
        }
        #expect(count == 200_000)
        #expect(errors == 0)
        // 200 rows hold a line break in a quoted field: the last row starts on line 1 + 200,000 + 200.
        #expect(lastLine == 200_201)
        #expect(lastID == "340104198000199999")
        #expect(progressCalls == 21)  // every 10,000 rows, and once at the end
        #expect(reader.recordsRead == 200_000)
    }

    @Test("A generated GB18030 file of 50,000 rows decodes in chunks with every row counted")
    func gb18030Rows() throws {
        var bytes = GB.header + ascii("\r\n")
        for i in 0..<50_000 {
            bytes += ascii("\(i),") + (i % 2 == 0 ? GB.zhangSan : GB.liSi) + ascii(",") + GB.baoheQu + ascii("\r\n")
        }
        let url = try scratch.file("gb.csv", bytes: bytes)
        let reader = try CSVReader(contentsOf: url)
        #expect(reader.encoding == .gb18030)
        var count = 0, last: CSVRecord?
        while let record = try reader.nextRecord() {
            count += 1
            last = record
        }
        #expect(count == 50_000)
        #expect(last?.fields == ["49999", "李四", "包河区"])
        #expect(last?.line == 50_001)
    }
}
