/// A rack's units: which are taken by devices, which reserved, and the free blocks left.
public struct UnitSpace: Sendable, Hashable {
    public struct Block: Sendable, Hashable {
        public var start: Int
        public var height: Int
    }

    public var total: Int
    public var used: Int
    public var reserved: Int
    public var free: Int { total - used - reserved }
    /// Free runs, bottom up.
    public var freeBlocks: [Block]
    public var largestFreeBlock: Int { freeBlocks.map(\.height).max() ?? 0 }
    /// Devices that overlap another or stick out of the rack (the twin's data is wrong there).
    public var conflicts: [String]

    /// `occupied` and `reserved` as (first U, height); units outside 1…total are ignored and reported.
    init(total: Int, occupied: [(id: String, start: Int, height: Int)], reserved: [(start: Int, height: Int)]) {
        let total = max(0, min(total, 1_000))
        var state = [UInt8](repeating: 0, count: total + 1)  // 0 free, 1 device, 2 reserved
        var conflicts: [String] = []
        for device in occupied {
            guard device.height >= 1, device.start >= 1, device.start + device.height - 1 <= total else {
                conflicts.append(device.id)
                continue
            }
            for u in device.start..<(device.start + device.height) {
                if state[u] == 1 { conflicts.append(device.id) }
                state[u] = 1
            }
        }
        for reservation in reserved where reservation.height >= 1 && reservation.start >= 1 {
            for u in reservation.start..<min(reservation.start + reservation.height, total + 1) where state[u] == 0 { state[u] = 2 }
        }
        var blocks: [Block] = []
        var u = 1
        while u <= total {
            if state[u] == 0 {
                let start = u
                while u <= total && state[u] == 0 { u += 1 }
                blocks.append(Block(start: start, height: u - start))
            } else {
                u += 1
            }
        }
        self.total = total
        self.used = state.dropFirst().filter { $0 == 1 }.count
        self.reserved = state.dropFirst().filter { $0 == 2 }.count
        self.freeBlocks = blocks
        self.conflicts = Array(Set(conflicts)).sorted()
    }

    /// How many devices of `height` U fit in the free blocks.
    public func fits(height: Int) -> Int {
        guard height >= 1 else { return 0 }
        return freeBlocks.reduce(0) { $0 + $1.height / height }
    }
}
