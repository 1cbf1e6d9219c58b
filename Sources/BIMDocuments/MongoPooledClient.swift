/// A client checked out of the pool and owned by one session at a time.
///
/// `@unchecked Sendable`: the pointer moves between blocking threads, but the owning
/// `MongoSession` serialises its use (one operation at a time, enforced by its lock).
struct MongoPooledClient: @unchecked Sendable {
    let pointer: OpaquePointer
}
