import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TwinServices

extension TwinResponse {
    /// One asset with its revision ETag. Without `fields=` the JSON bytes are the same for every
    /// caller allowed to see the asset, so they are kept with the cache entry and reused until
    /// the entry is flushed; a projection is rendered per request as for any object.
    static func asset(_ read: AssetRead, request: Request, fields: Set<String>?) -> Response {
        let base = "r\(read.asset.revision)"
        guard fields == nil else {
            return object(TwinRepresentation.asset(read.asset), etag: base, request: request, fields: fields)
        }
        let tag = etag(base, fields: nil)
        var headers: HTTPFields = [.eTag: tag, .cacheControl: cacheControl]
        if matches(request.headers[.ifNoneMatch], etag: tag) { return Response(status: .notModified, headers: headers) }
        let bytes: [UInt8]
        if let cached = read.cachedBody {
            bytes = cached
        } else {
            bytes = TwinRepresentation.asset(read.asset).bytes
            read.remember(body: bytes)
        }
        headers[.contentType] = jsonType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
