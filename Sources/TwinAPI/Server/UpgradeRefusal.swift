import Foundation

/// The answer to a WebSocket upgrade the route refused, kept until the HTTP layer writes its
/// reply: hummingbird-websocket answers every refused upgrade with an empty 400, and clients need
/// the documented 401 or 403 with a problem document to know whether to log in again.
struct UpgradeRefusal: Sendable, Equatable {
    var status: Int
    var problemJSON: [UInt8]
    var wwwAuthenticate: String?

    static func make(status: Int, title: String, detail: String, requestID: String?) -> UpgradeRefusal {
        var problem = ProblemDetails(status: .init(code: status), title: title, detail: detail, instance: LiveController.path)
        problem.requestID = requestID
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(problem)).map(Array.init) ?? Array(#"{"status":\#(status)}"#.utf8)
        return UpgradeRefusal(status: status, problemJSON: body,
                              wwwAuthenticate: status == 401 ? "Bearer realm=\"atrium\"" : nil)
    }
}
