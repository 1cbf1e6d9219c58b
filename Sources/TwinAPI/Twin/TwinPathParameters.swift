import Foundation
import Hummingbird

/// Path captures of twin routes. A malformed id cannot name anything visible, so it gets
/// the same 404 as a missing one; version numbers are plain positive integers.
enum TwinPathParameters {
    static func id(_ context: AtriumRequestContext, _ name: String = "id") throws -> UUID {
        guard let id = context.parameters.get(name, as: UUID.self) else { throw APIError.notFound() }
        return id
    }

    static func number(_ context: AtriumRequestContext, _ name: String) throws -> Int {
        guard let n = context.parameters.get(name, as: Int.self), n >= 1 else { throw APIError.notFound() }
        return n
    }
}
