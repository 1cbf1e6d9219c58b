import Foundation

/// Line starts of the STEP bytes, built on first use.
///
/// Positions are only needed for diagnostics, so the index pass does not pay for line
/// counting; the table is built once, the first time a line/column is asked for. Starts are
/// kept as 32-bit offsets when the file allows (every file below 4 GiB): the table lives as long
/// as the file, and a 100 MB model has millions of lines.
///
/// `@unchecked Sendable` is safe: `starts` is only read or written while `lock` is held,
/// and `bytes` is an immutable `let` of a value type.
final class STEPLineTable: @unchecked Sendable {
    private let bytes: [UInt8]
    private let lock = NSLock()
    private var starts: Starts?

    enum Starts {
        case narrow([UInt32])
        case wide([Int])
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// 1-based line and byte column of `offset` (clamped to the input).
    func position(of offset: Int) -> (line: Int, column: Int) {
        let target = max(0, min(offset, bytes.count))
        switch lineStarts() {
        case .narrow(let table): return Self.position(of: target, in: table)
        case .wide(let table): return Self.position(of: target, in: table)
        }
    }

    static func position<T: FixedWidthInteger>(of target: Int, in table: [T]) -> (line: Int, column: Int) {
        var lo = 0
        var hi = table.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(table[mid]) <= target { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, target - Int(table[lo]) + 1)
    }

    private func lineStarts() -> Starts {
        lock.lock()
        defer { lock.unlock() }
        if let starts { return starts }
        let built: Starts = bytes.count <= Int(UInt32.max)
            ? .narrow(Self.computeLineStarts(bytes, as: UInt32.self))
            : .wide(Self.computeLineStarts(bytes, as: Int.self))
        starts = built
        return built
    }

    /// CR, LF and CRLF each end one line (files in the corpus use all three).
    static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        computeLineStarts(bytes, as: Int.self)
    }

    /// Counts the lines first so the table is allocated once at its exact size.
    static func computeLineStarts<T: FixedWidthInteger>(_ bytes: [UInt8], as: T.Type) -> [T] {
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var count = 1
            var i = 0
            while i < n {
                let c = p[i]
                if c == 0x0A {
                    count += 1
                } else if c == 0x0D {
                    if i + 1 < n, p[i + 1] == 0x0A { i += 1 }
                    count += 1
                }
                i += 1
            }
            var result: [T] = []
            result.reserveCapacity(count)
            result.append(0)
            i = 0
            while i < n {
                let c = p[i]
                if c == 0x0A {
                    result.append(T(truncatingIfNeeded: i + 1))
                } else if c == 0x0D {
                    if i + 1 < n, p[i + 1] == 0x0A { i += 1 }
                    result.append(T(truncatingIfNeeded: i + 1))
                }
                i += 1
            }
            return result
        }
    }
}
