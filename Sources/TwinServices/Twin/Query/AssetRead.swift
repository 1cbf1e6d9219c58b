import TwinDomain

/// One asset as `GET /v1/assets/{id}` reads it: the value, and when it came from the
/// ``AssetReadCache``, the representation bytes cached with it (or the means to cache them).
public struct AssetRead: Sendable {
    public let asset: Asset
    let entry: AssetReadCache.Entry?
    let cache: AssetReadCache?

    init(asset: Asset, entry: AssetReadCache.Entry? = nil, cache: AssetReadCache? = nil) {
        self.asset = asset
        self.entry = entry
        self.cache = cache
    }

    /// Bytes rendered earlier from this very asset value; the caller may send them as they are.
    public var cachedBody: [UInt8]? { entry?.body }

    /// Keeps bytes rendered from ``asset`` (and nothing caller-specific) for the next read of
    /// the same cached value; a no-op when the asset did not come from the cache.
    public func remember(body: [UInt8]) {
        guard let entry, let cache, entry.body == nil else { return }
        cache.attach(body: body, to: entry)
    }
}
