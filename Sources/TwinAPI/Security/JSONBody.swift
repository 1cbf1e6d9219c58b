import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Small JSON helpers with explicit body limits.
enum JSONBody {
    /// Security endpoints take tiny bodies; anything bigger is refused before parsing.
    static let limit = 16 * 1024

    /// `checkText: false` only where the service itself must see every attempt (login: each one is
    /// throttled and audited, whatever it contains).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = limit, checkText: Bool = true) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, detail: "The request body is larger than \(limit) bytes.")
        }
        let data = Data(buffer.readableBytesView)
        if checkText, let problem = JSONTextCheck.problem(in: data) { throw problem }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw APIError(.badRequest, detail: "The request body is not the expected JSON.")
        }
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, noStore: Bool = false) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return raw(try encoder.encode(value), status: status, noStore: noStore)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok, noStore: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if noStore {
            headers[.cacheControl] = "no-store"
            headers[HTTPField.Name("Pragma")!] = "no-cache"
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
