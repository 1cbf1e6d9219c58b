import Foundation
import Testing
import TwinServices
@testable import TwinAPI

/// A report's HTML page opened in headless Chromium (Debian `chromium`): the screenshot shows the
/// charts — pixels in both series' colours where the bars are, the line's colour for the line.
@Suite("Report HTML in Chromium", .enabled(if: ChromiumLocation.path != nil, "needs Debian's chromium (tools/test installs it)"))
struct ReportScreenshotTests {
    static var chromium: String? { ChromiumLocation.path }

    /// Counts pixels within 40 of each RGB colour in a PNG (8-bit RGB or RGBA, any filter), with
    /// Python's standard library only.
    static let counter = #"""
        import struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        pos, chunks, width, height, ctype = 8, b"", 0, 0, 0
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b"IHDR": width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            if kind == b"IDAT": chunks += body
            pos += 12 + length
        bpp = 4 if ctype == 6 else 3
        raw, stride, rows, prev = zlib.decompress(chunks), width * bpp, [], bytearray(width * bpp)
        for y in range(height):
            f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                if f == 1: line[i] = (line[i] + a) & 255
                elif f == 2: line[i] = (line[i] + b) & 255
                elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(line); prev = line
        targets = [tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) for h in sys.argv[2:]]
        counts = [0] * len(targets)
        for line in rows:
            for x in range(0, stride, bpp):
                px = line[x:x + 3]
                for k, t in enumerate(targets):
                    if abs(px[0] - t[0]) < 40 and abs(px[1] - t[1]) < 40 and abs(px[2] - t[2]) < 40: counts[k] += 1
        print(" ".join(map(str, counts)))
        """#

    @Test func chartsAreDrawn() async throws {
        let days: [String] = (1...14).map { String(format: "2026-06-%02d", $0) }
        let facility: [Double?] = days.indices.map { 900 + Double($0) * 10 }
        let it: [Double?] = days.indices.map { 640 + Double($0) * 5 }
        let pue: [Double?] = days.indices.map { 1.40 + Double($0 % 3) * 0.02 }
        let document = ReportDocument(
            kind: "energy-summary", title: "Energy Summary", scope: "DC1 · June", from: Date(), to: Date(), generatedAt: Date(),
            sections: [
                .figures([.init(label: "PUE", value: .number(1.42, decimals: 2), unit: nil)]),
                .chart(.init(title: "Energy per day", kind: .bar, unit: "kWh", labels: days,
                             series: [("Facility", facility), ("IT", it)])),
                .chart(.init(title: "PUE per day", kind: .line, unit: "", labels: days,
                             series: [("PUE", pue)])),
            ])
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-report-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("report.html"), shot = work.appendingPathComponent("report.png")
        try ReportRendering.html(document).write(to: page, atomically: true, encoding: .utf8)
        try ReportScreenshotTests.counter.write(to: work.appendingPathComponent("count.py"), atomically: true, encoding: .utf8)
        let chromium = try #require(Self.chromium)
        let run = try await ReadingsFaultTests.shell("""
            timeout 120 '\(chromium)' --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir='\(work.path)/profile' \
              --window-size=1000,1200 --screenshot='\(shot.path)' 'file://\(page.path)' >/dev/null 2>&1; \
            python3 '\(work.path)/count.py' '\(shot.path)' 1f6feb d97706
            """)
        let counts = run.1.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(counts.count == 2, "screenshot taken and read: \(run.1)")
        // 14 bars per series at ~20 px wide and up to ~200 px tall, plus the legend swatches.
        #expect(counts[0] > 5_000, "facility bars (blue): \(counts[0]) px")
        #expect(counts[1] > 2_000, "IT bars (amber): \(counts[1]) px")
    }
}

enum ChromiumLocation {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
