/// Carries a freshly started session pointer back from the blocking thread.
///
/// `@unchecked Sendable`: handed over once, then owned by exactly one `MongoSession`.
struct MongoSessionPointer: @unchecked Sendable {
    let pointer: OpaquePointer
}
