import Testing
@testable import TwinAPI

/// The streaming multipart reader: split at every possible chunk boundary, content comes out
/// byte-identical and never includes delimiter bytes.
@Suite("Multipart stream parser")
struct TwinMultipartParserTests {
    static let boundary = "----atriumBoundary7MA4YWxkTrZu0gW"
    static let file: [UInt8] = Array("ISO-10303-21;\r\nHEADER;\r\n--not-a-boundary\r\n\r\nEND-ISO-10303-21;\r\n".utf8) + (0..<300).map { UInt8($0 % 256) }

    static var body: [UInt8] {
        var out: [UInt8] = Array("preamble\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"site\"\r\n\r\n".utf8)
        out += Array("6f1c2e1a-0000-4000-8000-000000000001\r\n--\(boundary)\r\n".utf8)
        out += Array("Content-Disposition: form-data; name=\"file\"; filename=\"hall.ifc\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        out += file
        out += Array("\r\n--\(boundary)--\r\nepilogue".utf8)
        return out
    }

    static func run(chunk: Int) throws -> (parts: [(MultipartStreamParser.PartHeaders, [UInt8])], done: Bool) {
        var parser = try MultipartStreamParser(boundary: boundary)
        var parts: [(MultipartStreamParser.PartHeaders, [UInt8])] = []
        let bytes = body
        var index = 0
        while index < bytes.count {
            let end = min(index + chunk, bytes.count)
            for event in try parser.feed(bytes[index..<end]) {
                switch event {
                case .partStart(let headers): parts.append((headers, []))
                case .content(let data): parts[parts.count - 1].1 += data
                case .partEnd: break
                }
            }
            index = end
        }
        return (parts, parser.isDone)
    }

    @Test(arguments: [1, 2, 3, 7, 40, 41, 64, 4096])
    func everyChunkingGivesTheSameParts(chunk: Int) throws {
        let result = try Self.run(chunk: chunk)
        #expect(result.done)
        #expect(result.parts.count == 2)
        #expect(result.parts[0].0.name == "site")
        #expect(String(decoding: result.parts[0].1, as: UTF8.self) == "6f1c2e1a-0000-4000-8000-000000000001")
        #expect(result.parts[1].0.fileName == "hall.ifc")
        #expect(result.parts[1].0.contentType == "application/octet-stream")
        #expect(result.parts[1].1 == Self.file)
    }

    @Test func truncatedBodyIsRefused() throws {
        var parser = try MultipartStreamParser(boundary: Self.boundary)
        _ = try parser.feed(Self.body.prefix(200))
        #expect(throws: MultipartStreamParser.ParseError.self) { try parser.finish() }
    }

    @Test func boundaryParameter() {
        #expect(MultipartStreamParser.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartStreamParser.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(MultipartStreamParser.boundary(contentType: "application/octet-stream") == nil)
    }
}
