/// Hands a URI copy to the blocking thread that owns and destroys it.
///
/// `@unchecked Sendable`: created, then used and destroyed by exactly one job.
struct MongoURIPointer: @unchecked Sendable {
    let pointer: OpaquePointer
}
