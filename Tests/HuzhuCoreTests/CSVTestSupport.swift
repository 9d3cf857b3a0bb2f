import Foundation
@testable import HuzhuCore

/// A fresh temporary directory for CSV fixtures, removed by `deinit` of the
/// suite that owns it. Fixtures are written from byte arrays in the tests, so
/// no binary fixture files are committed.
final class CSVScratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("huzhu-csv-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes bytes to `name` and returns its URL.
    @discardableResult
    func file(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Writes text as UTF-8 (no byte order mark) to `name`.
    @discardableResult
    func file(_ name: String, _ text: String) throws -> URL {
        try file(name, bytes: Array(text.utf8))
    }

    func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(name)))
    }
}

/// Every data record of a reader, and the texts of their errors in order.
struct CSVReadResult {
    var records: [CSVRecord] = []
    var errors: [String] { records.flatMap(\.errors).map(\.description) }
    var fields: [[String]] { records.map(\.fields) }
    var lines: [Int] { records.map(\.line) }
}

/// Reads every data record; a stopping error is thrown.
func readAll(_ reader: CSVReader) throws -> CSVReadResult {
    var result = CSVReadResult()
    while let record = try reader.nextRecord() { result.records.append(record) }
    return result
}

/// Opens `url` and reads every data record.
func readAll(_ url: URL, options: CSVReader.Options = CSVReader.Options()) throws -> CSVReadResult {
    try readAll(CSVReader(contentsOf: url, options: options))
}

/// The `CSVError` that `body` throws, or `nil` if it throws none (or another
/// kind of error).
func csvError(_ body: () throws -> Void) -> CSVError? {
    do {
        try body()
        return nil
    } catch let error as CSVError {
        return error
    } catch {
        return nil
    }
}

/// The `CSVErrors` that `body` throws, or `nil`.
func csvErrors(_ body: () throws -> Void) -> CSVErrors? {
    do {
        try body()
        return nil
    } catch let error as CSVErrors {
        return error
    } catch {
        return nil
    }
}

/// GB18030 bytes of the Chinese strings the tests use (checked against
/// Python's gb18030 codec).
enum GB {
    static let header: [UInt8] = [0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0x2C,   // 身份证号,
                                  0xD0, 0xD5, 0xC3, 0xFB, 0x2C,                           // 姓名,
                                  0xB5, 0xA5, 0xCE, 0xBB]                                 // 单位
    static let zhangSan: [UInt8] = [0xD5, 0xC5, 0xC8, 0xFD]                // 张三
    static let baoheQu: [UInt8] = [0xB0, 0xFC, 0xBA, 0xD3, 0xC7, 0xF8]     // 包河区
    static let liSi: [UInt8] = [0xC0, 0xEE, 0xCB, 0xC4]                    // 李四
    static let luyangQu: [UInt8] = [0xC2, 0xAE, 0xD1, 0xF4, 0xC7, 0xF8]    // 庐阳区
    static let cjkExtB: [UInt8] = [0x95, 0x32, 0x82, 0x36]                 // 𠀀 (U+20000, four bytes)
}

func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
