/// Why an asset write was refused, in words a client may see.
public enum AssetWriteError: Error, Sendable, Hashable {
    /// The request is malformed or names things that do not fit together (422).
    case invalid([String])
    /// A facility rule refuses the change; `rule` is stable (`asset.mounting-overlap`) (409).
    case ruleViolated(rule: String, detail: String)
    /// `If-Match` names an older revision; someone else changed the asset first (412).
    case revisionMismatch(current: Int)
    /// An update or delete came without the revision it was based on (428).
    case revisionRequired
}
