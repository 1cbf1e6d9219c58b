import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TwinDomain

/// Builds twin responses: JSON bodies, revision ETags with `If-None-Match` → 304, and list
/// envelopes `{items, next_cursor}` with an RFC 8288 `Link: <…>; rel="next"` header.
enum TwinResponse {
    static let jsonType = "application/json"
    /// Representations depend on who asks (scope), so shared caches must not keep them;
    /// the client revalidates with the ETag instead.
    static let cacheControl = "private, no-cache"

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = jsonType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.bytes)))
    }

    /// A strong ETag from a revision or version tag, varied by the `fields` projection.
    static func etag(_ base: String, fields: Set<String>?) -> String {
        guard let fields else { return "\"\(base)\"" }
        return "\"\(base).\(fields.sorted().joined(separator: "+"))\""
    }

    /// FNV-1a over the body, for representations without a revision of their own (trees, diffs).
    static func contentETag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "\"h" + String(hash, radix: 16) + "\""
    }

    static func matches(_ header: String?, etag: String) -> Bool {
        guard let header else { return false }
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == etag { return true }
        }
        return false
    }

    /// One object with its ETag; `304 Not Modified` when the client already has it.
    static func object(_ value: JSONValue, etag base: String?, request: Request, fields: Set<String>?) -> Response {
        guard let base else { return json(value.projected(fields), headers: [.cacheControl: cacheControl]) }
        let tag = etag(base, fields: fields)
        let headers: HTTPFields = [.eTag: tag, .cacheControl: cacheControl]
        if matches(request.headers[.ifNoneMatch], etag: tag) { return Response(status: .notModified, headers: headers) }
        return json(value.projected(fields), headers: headers)
    }

    /// A value whose ETag is derived from its bytes.
    static func hashed(_ value: JSONValue, request: Request) -> Response {
        hashed(bytes: value.bytes, request: request)
    }

    /// A JSON body (already encoded) with its content ETag; 304 when the client has it.
    static func hashed(bytes: [UInt8], request: Request) -> Response {
        let tag = contentETag(bytes)
        let headers: HTTPFields = [.eTag: tag, .cacheControl: cacheControl, .contentType: jsonType]
        if matches(request.headers[.ifNoneMatch], etag: tag) { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func list(_ items: [JSONValue], nextCursor: String?, request: Request, fields: Set<String>?) -> Response {
        var headers: HTTPFields = [.cacheControl: cacheControl]
        if let nextCursor { headers[HTTPField.Name("Link")!] = "<\(link(request, cursor: nextCursor))>; rel=\"next\"" }
        let body = JSONValue.object([("items", .array(items.map { $0.projected(fields) })), ("next_cursor", .text(nextCursor))])
        return json(body, headers: headers)
    }

    /// The same request with `cursor` replaced (other parameters kept as sent).
    static func link(_ request: Request, cursor: String) -> String {
        let kept = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("cursor=") && $0 != "cursor" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let encoded = cursor.addingPercentEncoding(withAllowedCharacters: allowed) ?? cursor
        return request.uri.path + "?" + (kept.map(String.init) + ["cursor=" + encoded]).joined(separator: "&")
    }

    /// `If-Match: "r7"` (or a projection tag `"r7.name"`) → 7; nil when absent or not ours.
    static func revision(fromIfMatch request: Request) throws -> Int? {
        guard let header = request.headers[.ifMatch] else { return nil }
        var tag = header.trimmingCharacters(in: .whitespaces)
        if tag.hasPrefix("W/") { tag.removeFirst(2) }
        let inner = tag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard inner.hasPrefix("r"), let revision = Int(inner.dropFirst().prefix { $0.isNumber }) else {
            throw APIError(ProblemDetails(status: .preconditionFailed, detail: "If-Match must be an ETag this API returned (\"r<revision>\")."))
        }
        return revision
    }
}
