import Foundation

/// Where a ``CSVReader`` reads its bytes from: a file, read in chunks, or a
/// buffer in memory. Both can be read again from the start, which detection
/// (one pass over a file to see whether it is UTF-8) and error reports (line
/// numbers are counted only when an error needs one) rely on.
final class ByteSource {
    private enum Storage {
        case file(FileHandle)
        case memory(Data, position: Int)
    }

    private var storage: Storage
    /// The display name used in errors.
    let fileName: String
    /// The size in bytes, when known.
    let totalBytes: Int64?
    /// Bytes handed out since the last rewind.
    private(set) var bytesRead: Int64 = 0
    /// How many bytes one ``read()`` returns at most.
    let chunkSize: Int

    /// Opens a file for reading.
    ///
    /// - Throws: ``CSVError`` `.unreadableFile` when it cannot be opened.
    init(url: URL, fileName: String, chunkSize: Int) throws {
        self.fileName = fileName
        self.chunkSize = chunkSize
        do {
            let values = try url.resourceValues(forKeys: [.isDirectoryKey, .fileSizeKey])
            if values.isDirectory == true {
                throw CSVError(.unreadableFile, file: fileName, message: "cannot read the file: it is a directory")
            }
            totalBytes = values.fileSize.map(Int64.init)
            storage = .file(try FileHandle(forReadingFrom: url))
        } catch let error as CSVError {
            throw error
        } catch {
            throw CSVError(.unreadableFile, file: fileName,
                           message: "cannot read the file: \(Self.describe(error))")
        }
    }

    /// Reads from a buffer in memory.
    init(data: Data, fileName: String, chunkSize: Int) {
        self.fileName = fileName
        self.chunkSize = chunkSize
        totalBytes = Int64(data.count)
        storage = .memory(data, position: 0)
    }

    deinit {
        if case .file(let handle) = storage { try? handle.close() }
    }

    /// The next chunk, or `nil` at the end.
    ///
    /// - Throws: ``CSVError`` `.unreadableFile` on an I/O error.
    func read() throws -> Data? {
        switch storage {
        case .file(let handle):
            do {
                guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return nil }
                bytesRead += Int64(data.count)
                return data
            } catch {
                throw CSVError(.unreadableFile, file: fileName,
                               message: "cannot read the file: \(Self.describe(error))")
            }
        case .memory(let data, let position):
            guard position < data.count else { return nil }
            let end = min(data.count, position + chunkSize)
            storage = .memory(data, position: end)
            bytesRead += Int64(end - position)
            return data.subdata(in: (data.startIndex + position)..<(data.startIndex + end))
        }
    }

    /// Starts again from the first byte.
    func rewind() throws {
        bytesRead = 0
        switch storage {
        case .file(let handle):
            do { try handle.seek(toOffset: 0) } catch {
                throw CSVError(.unreadableFile, file: fileName,
                               message: "cannot read the file: \(Self.describe(error))")
            }
        case .memory(let data, _):
            storage = .memory(data, position: 0)
        }
    }

    /// The 1-based physical line holding the byte at `offset`, counting CR,
    /// LF and CRLF as one line end each. Reads the source again from the
    /// start and leaves it at an unspecified position: call only on the way
    /// to reporting an error.
    func line(atOffset offset: Int64) throws -> Int {
        try rewind()
        var line = 1
        var afterCR = false
        var position: Int64 = 0
        while position < offset, let chunk = try read() {
            for byte in chunk {
                if position >= offset { break }
                if byte == 0x0D { line += 1; afterCR = true }
                else if byte == 0x0A { if !afterCR { line += 1 }; afterCR = false }
                else { afterCR = false }
                position += 1
            }
        }
        return line
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
