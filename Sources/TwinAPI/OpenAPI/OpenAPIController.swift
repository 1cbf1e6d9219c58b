import Hummingbird
import NIOCore

/// `GET /openapi.json`: the document for the features this instance registered, built once.
struct OpenAPIController {
    let features: Set<APIFeature>

    func addRoutes(to router: Router<AtriumRequestContext>, registry: RouteRegistry) {
        let body = ByteBuffer(bytes: OpenAPIDocument.build(features: features).bytes)
        registry.declare(.get, "/openapi.json", .public)
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: body))
        }
        // The live WebSocket's frames (AsyncAPI 3.0), next to the REST contract.
        let asyncAPI = ByteBuffer(bytes: AsyncAPIDocument.build().bytes)
        registry.declare(.get, "/asyncapi.json", .public)
        router.get("/asyncapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: asyncAPI))
        }
    }
}
