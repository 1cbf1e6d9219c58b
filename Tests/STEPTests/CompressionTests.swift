import Foundation
import STEP
import Testing

@Suite("STEP compressed input (gzip, zip, deflate)")
struct CompressionTests {
    /// gzip member around a hand-checked fixed-Huffman deflate stream for "a":
    /// bits 1 (final), 01 (fixed), 0x91 as 8 bits (literal 97), 0000000 (end of block)
    /// packed LSB first give 4B 04 00. CRC-32("a") = E8B7BE43.
    private let gzipOfA: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
        0x4B, 0x04, 0x00,
        0x43, 0xBE, 0xB7, 0xE8, 0x01, 0x00, 0x00, 0x00,
    ]

    @Test func handVerifiedFixedHuffmanStream() throws {
        let file = try STEPFile(bytes: gzipOfA)
        #expect(file.bytes == [0x61])
        #expect(file.instanceCount == 0)
    }

    @Test func storedBlock() throws {
        // Stored block: final+type 00, LEN=1, NLEN=~1, then the byte itself.
        var member = gzipOfA
        member.replaceSubrange(10..<13, with: [0x01, 0x01, 0x00, 0xFE, 0xFF, 0x61])
        #expect(try STEPFile(bytes: member).bytes == [0x61])
    }

    @Test func concatenatedMembers() throws {
        #expect(try STEPFile(bytes: gzipOfA + gzipOfA).bytes == [0x61, 0x61])
    }

    @Test func corruptGzipIsAnErrorNotACrash() throws {
        var badCRC = gzipOfA
        badCRC[13] ^= 0xFF
        #expect(throws: STEPError.corruptArchive("gzip CRC check failed")) { try STEPFile(bytes: badCRC) }
        let truncated = Array(gzipOfA[0..<12])
        #expect(throws: STEPError.self) { try STEPFile(bytes: truncated) }
        var badBlock = gzipOfA
        badBlock[10] = 0x07  // block type 3
        #expect(throws: STEPError.corruptArchive("invalid deflate block type 3")) { try STEPFile(bytes: badBlock) }
    }

    private func sampleModel(instances: Int) -> String {
        var data = ""
        for k in 1...instances {
            data += "#\(k)=IFCCARTESIANPOINT((\(k).5,\(k * 7 % 1000).25,0.));\n"
        }
        return stepText(data)
    }

    @Test(.enabled(if: runTool("gzip", ["--version"]) == 0, "needs the gzip tool"))
    func gzipToolRoundTrip() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = sampleModel(instances: 20_000)
        let plain = dir.appendingPathComponent("model.ifc")
        try Data(text.utf8).write(to: plain)
        try #require(runTool("gzip", ["-k", "-9", plain.path]) == 0)
        let gz = dir.appendingPathComponent("model.ifc.gz")
        // Named without .gz: detection is by magic bytes, not extension.
        let renamed = dir.appendingPathComponent("upload.ifc")
        try FileManager.default.moveItem(at: gz, to: renamed)
        let file = try STEPFile.read(contentsOf: renamed)
        #expect(file.bytes == Array(text.utf8))
        #expect(file.instanceCount == 20_000)
        #expect(file.args(20_000) == [.list([.real(20000.5), .real(0.25), .real(0)])])
    }

    private func makeZip(_ dir: URL, members: [(String, String)], deflate: Bool) throws -> URL {
        let zip = dir.appendingPathComponent("model.ifczip")
        var script = "import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],'w',\(deflate ? "zipfile.ZIP_DEFLATED" : "zipfile.ZIP_STORED"))\n"
        var args = [zip.path]
        for (k, (name, text)) in members.enumerated() {
            let src = dir.appendingPathComponent("member\(k)")
            try Data(text.utf8).write(to: src)
            script += "z.write(sys.argv[\(k * 2 + 2)], sys.argv[\(k * 2 + 3)])\n"
            args += [src.path, name]
        }
        script += "z.close()\n"
        try #require(runTool("python3", ["-c", script] + args) == 0)
        return zip
    }

    @Test(.enabled(if: runTool("python3", ["--version"]) == 0, "needs python3 (zipfile) to build fixtures"),
          arguments: [true, false])
    func zipRoundTrip(deflate: Bool) throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = sampleModel(instances: 5000)
        let zip = try makeZip(dir, members: [("docs/readme.txt", "not this"), ("project/Model.IFC", text)], deflate: deflate)
        let file = try STEPFile.read(contentsOf: zip)
        #expect(file.bytes == Array(text.utf8))
        #expect(file.instanceCount == 5000)
        #expect(file.errors.isEmpty)
    }

    @Test(.enabled(if: runTool("python3", ["--version"]) == 0, "needs python3 (zipfile) to build fixtures"))
    func zipWithoutSTEPMember() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zip = try makeZip(dir, members: [("a.txt", "x"), ("b.txt", "y")], deflate: true)
        #expect(throws: STEPError.noSTEPEntryInArchive) { try STEPFile.read(contentsOf: zip) }
    }

    @Test(.enabled(if: runTool("gzip", ["--version"]) == 0, "needs the gzip tool"))
    func decompressionBombIsRefused() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zeros = dir.appendingPathComponent("zeros")
        try Data(count: 8 << 20).write(to: zeros)
        try #require(runTool("gzip", ["-9", zeros.path]) == 0)
        let bomb = try [UInt8](Data(contentsOf: dir.appendingPathComponent("zeros.gz")))
        // ~8 KiB expanding 1000×: beyond the default 100× ratio (floor 1 MiB).
        #expect(throws: STEPError.decompressedSizeLimitExceeded(limit: 1 << 20)) { try STEPFile(bytes: bomb) }
        let small = STEPReadOptions(maxDecompressedBytes: 4096, maxCompressionRatio: 1_000_000)
        #expect(throws: STEPError.decompressedSizeLimitExceeded(limit: 4096)) {
            try STEPFile(bytes: bomb, options: small)
        }
        let generous = STEPReadOptions(maxCompressionRatio: 10_000)
        #expect(try STEPFile(bytes: bomb, options: generous).bytes.count == 8 << 20)
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: STEPError.self) {
            try STEPFile.read(contentsOf: URL(fileURLWithPath: "/nonexistent/model.ifc"))
        }
    }
}
