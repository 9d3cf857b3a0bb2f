import Foundation
import Testing
@testable import HuzhuCore

@Suite("CSV parsing")
final class CSVReaderTests {
    let scratch: CSVScratch
    init() throws { scratch = try CSVScratch() }

    @Test("An empty file, a lone byte order mark and blank lines are all 'empty file'")
    func emptyFile() throws {
        for (name, bytes) in [("zero.csv", [UInt8]()), ("bom.csv", [0xEF, 0xBB, 0xBF]), ("blank.csv", ascii("\r\n\n  \n,,\n"))] {
            let url = try scratch.file(name, bytes: bytes)
            let error = try #require(csvError { _ = try CSVReader(contentsOf: url) }, "\(name)")
            #expect(error.code == .emptyFile)
            #expect(error.description == "\(name): empty file")
        }
    }

    @Test("A header with no data rows is its own catchable condition")
    func headerOnly() throws {
        for text in ["resident_id,name\n", "resident_id,name", "resident_id,name\r\n\r\n,\r\n"] {
            let url = try scratch.file("members.csv", text)
            let reader = try CSVReader(contentsOf: url)
            #expect(reader.header == ["resident_id", "name"])
            let error = try #require(csvError { _ = try reader.nextRecord() })
            #expect(error.code == .headerOnly)
            #expect(error.description == "members.csv: header only, no data rows")
        }
    }

    @Test("Every ragged row is listed, and the good rows still come through")
    func raggedRows() throws {
        let url = try scratch.file("members.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13\n")
        let result = try readAll(url)
        #expect(result.records.count == 5)
        #expect(result.errors == ["members.csv:3: expected 3 fields, got 2",
                                  "members.csv:5: expected 3 fields, got 4",
                                  "members.csv:6: expected 3 fields, got 1"])
        #expect(result.records.map(\.errors.isEmpty) == [true, false, true, false, false])
        #expect(result.records.first?.errors.first?.code == nil)
        #expect(result.records[1].errors.first?.code == .fieldCount)
    }

    @Test("A quote left open stops reading with the line it opened on")
    func openQuote() throws {
        let url = try scratch.file("members.csv", "a,b\n1,2\n3,\"never closed\n4,5\n")
        let reader = try CSVReader(contentsOf: url)
        let first = try reader.nextRecord()
        #expect(first?.fields == ["1", "2"])
        let error = try #require(csvError { _ = try reader.nextRecord() })
        #expect(error.code == .unterminatedQuote)
        #expect(error.description == "members.csv:3: unterminated quoted field (opened at line 3)")

        // A record that starts on line 2 and opens its last quote on line 3.
        let later = try scratch.file("later.csv", "a,b,c\n1,\"two\nlines\",\"open\n")
        let laterError = try #require(csvError { _ = try readAll(later) })
        #expect(laterError.description == "later.csv:2: unterminated quoted field (opened at line 3)")
    }

    @Test("Newlines inside quotes are kept, and line numbers stay those of the file")
    func quotedNewlines() throws {
        let url = try scratch.file("m.csv", "id,note\r\n1,\"two\nlines\"\r\n2,x\r\n3,\"a\r\nb\r\nc\"\r\n4,y\r\n")
        let result = try readAll(url)
        #expect(result.fields == [["1", "two\nlines"], ["2", "x"], ["3", "a\r\nb\r\nc"], ["4", "y"]])
        #expect(result.lines == [2, 4, 5, 8])
    }

    @Test("Doubled quotes stand for one; commas inside quotes are text")
    func doubledQuotes() throws {
        let url = try scratch.file("m.csv", "a,b,c\n\"say \"\"hi\"\"\",\"\",\"x,y\"\n\"\"\"\"\"\",plain,\"\"\n")
        let result = try readAll(url)
        #expect(result.fields == [["say \"hi\"", "", "x,y"], ["\"\"", "plain", ""]])
        #expect(result.errors.isEmpty)
    }

    @Test("CRLF, LF and lone CR line ends, with or without a last line end")
    func lineEnds() throws {
        let expected = [["1", "2"], ["3", "4"], ["5", "6"]]
        for (name, text) in [("crlf.csv", "a,b\r\n1,2\r\n3,4\r\n5,6\r\n"),
                             ("lf.csv", "a,b\n1,2\n3,4\n5,6"),
                             ("cr.csv", "a,b\r1,2\r3,4\r5,6\r"),
                             ("mixed.csv", "a,b\r\n1,2\n3,4\r5,6")] {
            let result = try readAll(try scratch.file(name, text))
            #expect(result.fields == expected, "\(name)")
            #expect(result.lines == [2, 3, 4], "\(name)")
        }
        // An empty last field before the line end is a field.
        #expect(try readAll(try scratch.file("e.csv", "a,b\r\n1,\r\n")).fields == [["1", ""]])
    }

    @Test("A 100,000-character field is an error naming the field; its value is cut")
    func longField() throws {
        let long = String(repeating: "x", count: 100_000)
        let url = try scratch.file("members.csv", "resident_id,name\n1,ok\n2,\(long)\n3,\"\(long)\"\n4,ok\n")
        let result = try readAll(url)
        #expect(result.records.count == 4)
        #expect(result.errors == ["members.csv:3: field 'name' is 100000 characters long (limit 10000)",
                                  "members.csv:4: field 'name' is 100000 characters long (limit 10000)"])
        #expect(result.records[1].fields[1].count == 10_000)
        #expect(result.records[1].errors.first?.code == .fieldTooLong)
        #expect(result.records[1].errors.first?.field == "name")
    }

    @Test("Field length counts characters, not bytes, and the limit is an option")
    func fieldLengthInCharacters() throws {
        var options = CSVReader.Options()
        options.maximumFieldLength = 5
        let url = try scratch.file("m.csv", "姓名\n张三李四王\n张三李四王五\n")
        let result = try readAll(url, options: options)
        // 5 characters (15 bytes) pass; 6 do not.
        #expect(result.errors == ["m.csv:3: field '姓名' is 6 characters long (limit 5)"])
        #expect(result.records[1].fields == ["张三李四王"])
    }

    @Test("A stray quote in an unquoted field and text after a closing quote are row errors")
    func strayQuotes() throws {
        let url = try scratch.file("members.csv", "id,name\n1,ab\"c\n2,\"ab\"c\n3,fine\n")
        let result = try readAll(url)
        #expect(result.records.count == 3)
        #expect(result.errors == [
            "members.csv:2: stray quote in field 'name' (a field holding quotes must be quoted, its quotes doubled)",
            "members.csv:3: text after the closing quote of field 'name'",
        ])
        #expect(result.records[0].fields == ["1", "ab\"c"])
        #expect(result.records[2].errors.isEmpty)
    }

    @Test("Blank rows are skipped and not counted; the option keeps them")
    func blankRows() throws {
        let url = try scratch.file("m.csv", "a,b\n1,2\n\n,\n , \n3,4\n")
        let result = try readAll(url)
        #expect(result.fields == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [2, 6])

        var options = CSVReader.Options()
        options.skipsBlankRecords = false
        // Empty lines are never records; a line of empty fields is one.
        #expect(try readAll(url, options: options).fields == [["1", "2"], ["", ""], [" ", " "], ["3", "4"]])
    }

    @Test("Progress reports bytes consumed every N records and once at the end")
    func progress() throws {
        let text = "a\n1\n2\n3\n4\n5\n"
        let url = try scratch.file("m.csv", text)
        var options = CSVReader.Options()
        options.progressInterval = 2
        let reader = try CSVReader(contentsOf: url, options: options)
        var reports: [CSVProgress] = []
        reader.onProgress = { reports.append($0) }
        _ = try readAll(reader)
        #expect(reports.map(\.recordsRead) == [2, 4, 5])
        #expect(reports.last?.bytesRead == Int64(text.utf8.count))
        #expect(reports.last?.totalBytes == Int64(text.utf8.count))
        #expect(reports.last?.fractionCompleted == 1)
    }

    @Test("Reading from memory behaves as reading a file")
    func inMemory() throws {
        let reader = try CSVReader(data: Data("a,b\r\n1,2\r\n".utf8), fileName: "t.csv")
        #expect(reader.fileName == "t.csv")
        #expect(try readAll(reader).fields == [["1", "2"]])
    }
}

@Suite("CSV parsing: the header record")
final class CSVHeaderRecordTests {
    let scratch: CSVScratch
    init() throws { scratch = try CSVScratch() }

    @Test("A broken header record stops reading, naming the column")
    func brokenHeader() throws {
        let url = try scratch.file("m.csv", "id,na\"me\n1,2\n")
        let error = try #require(csvError { _ = try CSVReader(contentsOf: url) })
        #expect(error.description == "m.csv:1: stray quote in column 2 (a field holding quotes must be quoted, its quotes doubled)")
    }

    @Test("Blank lines before the header are skipped; lines still count")
    func blankLinesBeforeHeader() throws {
        let reader = try CSVReader(contentsOf: try scratch.file("m.csv", "\n\na,b\n1,2\n"))
        #expect(reader.headerLine == 3)
        #expect(try readAll(reader).lines == [4])
    }
}
