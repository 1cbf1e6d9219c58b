/// Chooses how to turn input bytes into STEP text, by magic bytes (never by file name:
/// uploads are often renamed).
enum STEPDecompression {
    static func decompressIfNeeded(_ bytes: [UInt8], options: STEPReadOptions) throws(STEPError) -> [UInt8] {
        let limit = options.decompressionLimit(compressedSize: bytes.count)
        if GzipReader.isGzip(bytes) { return try GzipReader.decompress(bytes, limit: limit) }
        if ZIPReader.isZIP(bytes) { return try ZIPReader.extract(bytes, limit: limit) }
        return bytes
    }
}
