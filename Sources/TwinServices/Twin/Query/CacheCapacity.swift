import Foundation
import TwinDomain

/// How many entries a read cache keeps, from its environment variable: a whole number ≥ 0 (0
/// disables the cache), the default when unset or blank. One rule for every cache.
enum CacheCapacity {
    static func read(_ environment: [String: String], variable: String, default value: Int,
                     counting what: String) throws(ConfigurationError) -> Int {
        guard let raw = environment[variable]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return value }
        guard let parsed = Int(raw), parsed >= 0 else {
            throw .malformed(variable: variable, reason: "'\(raw)' is not a count of \(what) (0 disables the cache)")
        }
        return parsed
    }
}
