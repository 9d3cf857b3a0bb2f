import Foundation
import HuzhuCore

/// Where a job's printed output goes: a tail kept for the run log, an
/// optional file that becomes the job's saved output if the run succeeds,
/// and an optional echo (standard output, for a run by hand).
final class OutputCapture {
    private var tailBuffer: [UInt8] = []
    private let limit: Int
    private var file: FileHandle?
    private let temporaryURL: URL?
    let finalURL: URL?
    var echo: ((UnsafeRawBufferPointer) -> Void)?

    /// - Parameters:
    ///   - limit: Bytes of tail to keep.
    ///   - finalURL: The output file; written to a temporary file beside it until ``keepFile()``.
    init(limit: Int = JobRunLog.tailBytes, finalURL: URL?) throws {
        self.limit = limit
        self.finalURL = finalURL
        if let finalURL {
            let folder = finalURL.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(finalURL.lastPathComponent).\(getpid()).tmp")
            _ = FileManager.default.createFile(atPath: temporary.path, contents: nil)
            file = try FileHandle(forWritingTo: temporary)
            temporaryURL = temporary
        } else {
            temporaryURL = nil
        }
    }

    deinit { discardFile() }

    func write(_ bytes: UnsafeRawBufferPointer) {
        tailBuffer.append(contentsOf: bytes)
        if tailBuffer.count > 2 * limit { tailBuffer.removeFirst(tailBuffer.count - limit) }
        if let file { file.write(Data(bytes)) }
        echo?(bytes)
    }

    /// The last `limit` bytes, cut at a character boundary; nil when nothing was printed.
    var tail: String? { tailBuffer.isEmpty ? nil : JobRunLog.tail(of: tailBuffer, limit: limit) }

    /// Moves the temporary file into place (replacing an older one).
    func keepFile() throws {
        guard let file, let temporaryURL, let finalURL else { return }
        try file.close()
        self.file = nil
        if rename(temporaryURL.path, finalURL.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: finalURL.path])
        }
    }

    /// Removes the temporary file (a failed run saves nothing).
    func discardFile() {
        try? file?.close()
        file = nil
        if let temporaryURL { try? FileManager.default.removeItem(at: temporaryURL) }
    }
}
