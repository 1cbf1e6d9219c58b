/// A canonical Huffman code as a direct lookup table indexed by the next `maxBits`
/// input bits (LSB first); entries are `symbol << 4 | codeLength`, 0 = no code.
struct HuffmanTable {
    let entries: [UInt32]
    let maxBits: Int

    init(lengths: [Int]) throws(STEPError) {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths {
            guard l >= 0, l <= 15 else { throw .corruptArchive("invalid code length") }
            count[l] += 1
        }
        count[0] = 0
        var maxBits = 0
        for l in 1...15 where count[l] > 0 { maxBits = l }
        // Over-subscribed codes are invalid; incomplete ones are allowed (RFC 1951 permits a
        // single distance code) and unused entries decode as errors.
        var left = 1
        for l in 1...15 {
            left <<= 1
            left -= count[l]
            guard left >= 0 else { throw .corruptArchive("over-subscribed Huffman code") }
        }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for l in 1...15 {
            code = (code + count[l - 1]) << 1
            next[l] = code
        }
        let bits = max(maxBits, 1)
        var table = [UInt32](repeating: 0, count: 1 << bits)
        for (sym, l) in lengths.enumerated() where l > 0 {
            let c = next[l]
            next[l] += 1
            var r = 0
            for b in 0..<l where c & (1 << b) != 0 { r |= 1 << (l - 1 - b) }
            var k = r
            while k < table.count {
                table[k] = UInt32(sym) << 4 | UInt32(l)
                k += 1 << l
            }
        }
        self.entries = table
        self.maxBits = bits
    }
}
