/// A GLB body and its validator. The ETag names the model version and the target, so it
/// changes exactly when a re-import could change the bytes.
public struct GeometryResponse: Sendable {
    public static let glbContentType = "model/gltf-binary"

    public var data: [UInt8]
    /// Strong ETag, quoted.
    public var etag: String
    public var contentType: String

    public init(data: [UInt8], etag: String, contentType: String = GeometryResponse.glbContentType) {
        self.data = data
        self.etag = etag
        self.contentType = contentType
    }
}
