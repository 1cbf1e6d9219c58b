import Crypto
import Foundation
import Hummingbird
import NIOCore
import TwinServices

/// Streams an upload (raw body or the file part of `multipart/form-data`) to a temporary
/// file, hashing it with SHA-256 and counting bytes on the way, so neither memory nor a
/// second pass depends on the file's size. Over the limit → 413 and the partial file is gone.
struct UploadStager {
    let directory: URL
    let maxBytes: Int64
    /// Judges the upload's first bytes while it streams (throws to refuse it).
    var checkHead: @Sendable ([UInt8], Bool) throws -> Void = { _, _ in }
    /// How much of the file is gathered before the head is judged.
    static let headBytes = 64 * 1024

    struct Staged {
        var upload: StagedUpload
        var fileName: String?
        /// Small form fields (`site`, `model`) sent alongside the file.
        var fields: [String: String]
    }

    /// Receives content bytes: file, hash and count.
    final class Sink {
        let handle: FileHandle
        let url: URL
        var hasher = SHA256()
        var size: Int64 = 0
        let limit: Int64
        let checkHead: @Sendable ([UInt8], Bool) throws -> Void
        /// The first bytes, until judged.
        var head: [UInt8] = []
        var headJudged = false

        init(url: URL, limit: Int64, checkHead: @escaping @Sendable ([UInt8], Bool) throws -> Void) throws {
            self.url = url
            self.limit = limit
            self.checkHead = checkHead
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw APIError(.internalServerError, detail: "The upload could not be stored.")
            }
            handle = try FileHandle(forWritingTo: url)
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            size += Int64(bytes.count)
            guard size <= limit else { throw UploadStager.tooLarge(limit) }
            hasher.update(bufferPointer: bytes)
            handle.write(Data(bytes))
            if !headJudged {
                head.append(contentsOf: bytes.prefix(UploadStager.headBytes - head.count))
                if head.count >= UploadStager.headBytes {
                    headJudged = true
                    try checkHead(head, false)
                    head = []
                }
            }
        }

        func finish() throws -> StagedUpload {
            if !headJudged {
                headJudged = true
                try checkHead(head, true)
            }
            try handle.close()
            let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            return StagedUpload(url: url, size: size, sha256: digest)
        }
    }

    static func tooLarge(_ limit: Int64) -> APIError {
        APIError(ProblemDetails(status: .contentTooLarge, type: "https://atrium.dev/problems/import.too-large",
                                detail: "The upload exceeds the limit of \(limit) bytes.",
                                errors: [.init(field: "code", message: "import.too-large")]))
    }

    func stage(_ request: Request) async throws -> Staged {
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > maxBytes + 64 * 1024 {
            throw Self.tooLarge(maxBytes)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("upload-\(UUID().uuidString.lowercased())")
        let sink = try Sink(url: url, limit: maxBytes, checkHead: checkHead)
        do {
            let staged: Staged
            if let boundary = request.headers[.contentType].flatMap(MultipartStreamParser.boundary(contentType:)) {
                staged = try await multipart(request, boundary: boundary, sink: sink)
            } else {
                for try await buffer in request.body {
                    try buffer.withUnsafeReadableBytes { try sink.write($0) }
                }
                staged = Staged(upload: try sink.finish(), fileName: nil, fields: [:])
            }
            return staged
        } catch {
            try? sink.handle.close()
            try? FileManager.default.removeItem(at: url)
            throw error
        }
    }

    private func multipart(_ request: Request, boundary: String, sink: Sink) async throws -> Staged {
        func malformed(_ why: String) -> APIError {
            APIError(ProblemDetails(status: .badRequest, detail: "The multipart body is malformed: \(why).",
                                    errors: [.init(field: "body", message: why)]))
        }
        var parser: MultipartStreamParser
        do { parser = try MultipartStreamParser(boundary: boundary) } catch { throw malformed("bad boundary") }
        enum Current { case none, file, field(String, [UInt8]), ignored }
        var current = Current.none
        var fileName: String?
        var sawFile = false
        var fields: [String: String] = [:]
        for try await buffer in request.body {
            let events: [MultipartStreamParser.Event]
            do { events = try parser.feed(buffer.readableBytesView) } catch { throw malformed("\(error)") }
            for event in events {
                switch event {
                case .partStart(let headers):
                    if !sawFile, headers.fileName != nil || headers.name == "file" {
                        sawFile = true
                        fileName = headers.fileName
                        current = .file
                    } else if let name = headers.name, ["site", "model", "name"].contains(name) {
                        current = .field(name, [])
                    } else {
                        current = .ignored
                    }
                case .content(let bytes):
                    switch current {
                    case .file: try bytes.withUnsafeBytes { try sink.write($0) }
                    case .field(let name, var value):
                        value += bytes
                        guard value.count <= 1024 else { throw malformed("form field \(name) is too long") }
                        current = .field(name, value)
                    default: break
                    }
                case .partEnd:
                    if case .field(let name, let value) = current { fields[name] = String(decoding: value, as: UTF8.self) }
                    current = .none
                }
            }
            if parser.isDone { break }
        }
        do { try parser.finish() } catch { throw malformed("the body ended before the closing boundary") }
        guard sawFile else { throw malformed("no file part (send the file as a part named \"file\")") }
        return Staged(upload: try sink.finish(), fileName: fileName ?? fields["name"], fields: fields)
    }
}
