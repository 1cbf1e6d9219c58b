import Foundation

/// Line starts of the STEP bytes, built on first use.
///
/// Positions are only needed for diagnostics, so the index pass does not pay for line
/// counting; the table is built once, the first time a line/column is asked for.
///
/// `@unchecked Sendable` is safe: `starts` is only read or written while `lock` is held,
/// and `bytes` is an immutable `let` of a value type.
final class STEPLineTable: @unchecked Sendable {
    private let bytes: [UInt8]
    private let lock = NSLock()
    private var starts: [Int]?

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// 1-based line and byte column of `offset` (clamped to the input).
    func position(of offset: Int) -> (line: Int, column: Int) {
        let table = lineStarts()
        let target = max(0, min(offset, bytes.count))
        var lo = 0
        var hi = table.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if table[mid] <= target { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, target - table[lo] + 1)
    }

    private func lineStarts() -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let starts { return starts }
        let built = Self.computeLineStarts(bytes)
        starts = built
        return built
    }

    /// CR, LF and CRLF each end one line (files in the corpus use all three).
    static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        var result = [0]
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            let n = p.count
            while i < n {
                let c = p[i]
                if c == 0x0A {
                    result.append(i + 1)
                } else if c == 0x0D {
                    if i + 1 < n, p[i + 1] == 0x0A { i += 1 }
                    result.append(i + 1)
                }
                i += 1
            }
        }
        return result
    }
}
