import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document: the only shape in which Atrium reports errors to clients.
///
/// `detail` is always written by Atrium for the client; internal error text never goes here.
public struct ProblemDetails: Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    public var requestID: String?
    /// Field-level problems, e.g. which JSON member or which store failed.
    public var errors: [FieldProblem]?

    public struct FieldProblem: Codable, Sendable, Equatable {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors
        case requestID = "request_id"
    }

    public init(
        status: HTTPResponse.Status, type: String? = nil, title: String? = nil, detail: String? = nil,
        instance: String? = nil, errors: [FieldProblem]? = nil
    ) {
        self.status = status.code
        self.type = type ?? "about:blank"
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.instance = instance
        self.errors = errors
    }

    public static let mediaType = "application/problem+json"

    /// Encodes the document as a response; used by `APIError` and `ProblemMiddleware`.
    public func response(requestID: String?, extraHeaders: HTTPFields = [:]) -> Response {
        var document = self
        document.requestID = requestID
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data(#"{"status":500,"title":"Internal Server Error"}"#.utf8)
        var headers = extraHeaders
        headers[.contentType] = Self.mediaType
        headers[.cacheControl] = "no-store"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
