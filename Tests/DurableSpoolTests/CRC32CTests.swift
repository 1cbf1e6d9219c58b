import Testing
@testable import DurableSpool

@Suite("CRC-32C")
struct CRC32CTests {
    @Test func knownVectors() {
        func crc(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { CRC32C.checksum($0) } }
        #expect(crc(Array("123456789".utf8)) == 0xE306_9283)
        #expect(crc([]) == 0)
        #expect(crc([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)  // RFC 3720 B.4
        #expect(crc([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(crc(Array(0..<32)) == 0x46DD_794E)
    }

    @Test func slicedAndBytewiseAgree() {
        var random = SeededRandom(seed: 7)
        for length in 0..<100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            var bytewise: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                bytewise ^= UInt32(byte)
                for _ in 0..<8 { bytewise = (bytewise & 1) != 0 ? (bytewise >> 1) ^ 0x82F6_3B78 : bytewise >> 1 }
            }
            #expect(bytes.withUnsafeBytes { CRC32C.checksum($0) } == ~bytewise)
        }
    }
}
