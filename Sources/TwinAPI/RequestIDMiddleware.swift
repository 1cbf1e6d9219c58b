import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request a server-generated id, puts it on every log line and in every audit row,
/// and returns it as `X-Request-ID`.
///
/// A caller's own `X-Request-ID` never becomes the correlation id (a caller could otherwise pick
/// the id of its audit rows, or reuse someone else's): when short and made of safe characters it
/// is kept beside it, as `client_request_id` in logs and audit rows, so a request can still be
/// followed through a gateway; anything else is dropped rather than echoed.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestID = Self.generate()
        context.requestID = requestID
        context.clientRequestID = request.headers[.xRequestID].flatMap(Self.acceptable)
        context.logger[metadataKey: "request_id"] = .string(requestID)
        if let client = context.clientRequestID { context.logger[metadataKey: "client_request_id"] = .string(client) }
        // ProblemMiddleware (inside this one) turns errors into responses, so every
        // response, failed or not, passes here and gets the header.
        var response = try await next(request, context)
        response.headers[.xRequestID] = requestID
        return response
    }

    static func acceptable(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count) else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        return allowed ? value : nil
    }

    static func generate() -> String {
        UUID().uuidString.lowercased()
    }
}

extension HTTPField.Name {
    public static let xRequestID = Self("X-Request-ID")!
}
