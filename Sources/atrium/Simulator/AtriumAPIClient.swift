import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The few REST calls the simulator and `atrium watch` make, as a machine client would: an API
/// key (`X-API-Key`) or a bearer token, JSON in and out, problem details turned into one line.
struct AtriumAPIClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var status: Int?
        var message: String
        var description: String { message }
    }

    let base: String
    let credential: String
    let client: HTTPClient

    init(base: String, credential: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.credential = credential
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async { try? await client.shutdown() }

    var authorization: (String, String) {
        credential.hasPrefix("atr_") ? ("X-API-Key", credential) : ("Authorization", "Bearer " + credential)
    }

    /// Sends a request; the parsed JSON body of a 2xx answer, else a ``Failure`` with the problem's detail.
    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, json body: Any? = nil, raw: (bytes: [UInt8], type: String)? = nil) async throws -> Any? {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: authorization.0, value: authorization.1)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        } else if let raw {
            request.headers.add(name: "Content-Type", value: raw.type)
            request.body = .bytes(ByteBuffer(bytes: raw.bytes))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(60))
        } catch {
            throw Failure(status: nil, message: "cannot reach \(base): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 256 << 20)
        let parsed = bytes.readableBytes > 0 ? try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) : nil
        guard (200..<300).contains(Int(response.status.code)) else {
            let problem = parsed as? [String: Any]
            let detail = (problem?["detail"] as? String) ?? (problem?["title"] as? String) ?? response.status.reasonPhrase
            throw Failure(status: Int(response.status.code), message: "\(method.rawValue) \(path): \(response.status.code) \(detail)")
        }
        return parsed
    }

    /// Every item of a paged list (following `next_cursor`).
    func all(_ path: String) async throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        var cursor: String?
        let separator = path.contains("?") ? "&" : "?"
        repeat {
            var page = path + separator + "limit=1000"
            if let cursor { page += "&cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor) }
            guard let body = try await call(.GET, page) as? [String: Any], let list = body["items"] as? [[String: Any]] else {
                throw Failure(status: nil, message: "GET \(path): not a list")
            }
            items += list
            cursor = body["next_cursor"] as? String
        } while cursor != nil && items.count < 5_000_000
        return items
    }
}
