import Foundation
import HuzhuCore

/// Where a job's printed output goes: a tail kept for the run log, an
/// optional file that becomes the job's saved output if the run succeeds,
/// and an optional echo (standard output, for a run by hand).
final class OutputCapture {
    private var tailBuffer: [UInt8] = []
    private let limit: Int
    private var file: OutputFile?
    /// The first failed write to the file, reported when the file is kept.
    private var writeError: Error?
    let finalURL: URL?
    var echo: ((UnsafeRawBufferPointer) -> Void)?

    /// - Parameters:
    ///   - limit: Bytes of tail to keep.
    ///   - finalURL: The output file; written to a temporary file beside it until ``keepFile()``.
    ///   - workspace: The workspace whose own files the output must not name.
    ///   - relativePath: The output's path inside the workspace as configured: it must
    ///     stay inside after symbolic links are followed (a `reports/` linked elsewhere is refused).
    init(limit: Int = JobRunLog.tailBytes, finalURL: URL?, workspace: URL?, relativePath: String? = nil) throws {
        self.limit = limit
        self.finalURL = finalURL
        if let finalURL {
            if let workspace {
                try WorkspaceFiles(root: workspace).refuse(finalURL)
                if let relativePath { try WorkspaceFiles(root: workspace).refuseOutside(relativePath) }
            }
            try FileManager.default.createDirectory(at: finalURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            file = try OutputFile(finalURL, workspace: workspace)
        }
    }

    deinit { discardFile() }

    func write(_ bytes: UnsafeRawBufferPointer) {
        tailBuffer.append(contentsOf: bytes)
        if tailBuffer.count > 2 * limit { tailBuffer.removeFirst(tailBuffer.count - limit) }
        if let file, writeError == nil {
            do { try file.write(Data(bytes)) } catch { writeError = error }
        }
        echo?(bytes)
    }

    /// The last `limit` bytes, cut at a character boundary; nil when nothing was printed.
    var tail: String? { tailBuffer.isEmpty ? nil : JobRunLog.tail(of: tailBuffer, limit: limit) }

    /// Moves the temporary file into place (replacing an older one).
    func keepFile() throws {
        guard let file else { return }
        self.file = nil
        if let writeError {
            file.discard()
            throw writeError
        }
        try file.commit()
    }

    /// Removes the temporary file (a failed run saves nothing).
    func discardFile() {
        file?.discard()
        file = nil
    }
}
