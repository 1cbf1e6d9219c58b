#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns byte offsets into 1-based line and column, lazily: the decoders never count lines on the
/// hot path; positions are worked out only when an error is reported. Errors come in increasing
/// offset order, so the scan only moves forward (an earlier offset restarts it, which stays correct).
struct LineLocator {
    let base: UnsafePointer<UInt8>?
    let count: Int
    private var scanned = 0
    private var line = 1
    private var lineStart = 0

    init(base: UnsafePointer<UInt8>?, count: Int) {
        self.base = base
        self.count = count
    }

    mutating func locate(_ offset: Int) -> (line: Int, column: Int) {
        let target = min(max(offset, 0), count)
        if target < scanned {
            scanned = 0
            line = 1
            lineStart = 0
        }
        if let base {
            while scanned < target {
                guard let hit = memchr(base + scanned, 0x0A, target - scanned) else {
                    scanned = target
                    break
                }
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                line += 1
                lineStart = at + 1
                scanned = at + 1
            }
        }
        return (line, target - lineStart + 1)
    }
}
