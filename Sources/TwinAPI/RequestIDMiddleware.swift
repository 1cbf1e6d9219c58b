import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id, puts it on every log line and returns it as `X-Request-ID`.
///
/// A caller-supplied id is kept when it is short and made of safe characters, so a request can
/// be followed through a gateway; anything else is replaced rather than echoed into logs.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestID = request.headers[.xRequestID].flatMap(Self.acceptable) ?? Self.generate()
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
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
