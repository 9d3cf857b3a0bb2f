import Foundation
import HuzhuReport
import Testing

/// Opens the HTML report in headless Chromium (Debian's `chromium`, which
/// `scripts/bootstrap --tests` installs): a screenshot is taken, and the
/// chart's SVG elements are in the DOM the browser built.
@Suite("The HTML report in headless Chromium")
struct ReportChromiumTests {
    static func chromium() throws -> URL {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        Issue.record("chromium is not installed: run scripts/bootstrap --tests (scripts/test does) to install Debian's chromium package")
        throw CancellationError()
    }

    /// Runs chromium headless on `page` with `arguments`; returns standard output.
    static func run(_ arguments: [String], page: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try chromium()
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"]
            + arguments + [page.absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("chromium takes a screenshot of the report and its DOM holds the charts' SVG")
    func screenshotAndDOM() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try Data(ReportFormat.html.render(try ReportFixture.report()).utf8).write(to: page)

        let png = folder.appendingPathComponent("report.png")
        let shot = try Self.run(["--screenshot=\(png.path)", "--window-size=1200,1600"], page: page)
        #expect(shot.status == 0)
        let image = try Data(contentsOf: png)
        #expect(Array(image.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])   // PNG signature
        #expect(image.count > 20_000, "a screenshot of \(image.count) bytes is too small to show the report")

        let dom = try Self.run(["--dump-dom"], page: page).output
        #expect(dom.components(separatedBy: "<svg").count - 1 == 3)      // bar, line, pie
        #expect(dom.contains("<rect x=\"98.1\" y=\"62.8\""))                // a bar
        #expect(dom.contains("<polyline stroke="))                          // a line
        #expect(dom.contains("<path d=\"M 160.0 160.0 L"))                  // a pie slice
        #expect(dom.contains("各区参保情况"))
    }
}
