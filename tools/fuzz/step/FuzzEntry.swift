// libFuzzer entry point for the STEP reader. Compiled together with Sources/STEP/*.swift
// into one module by ./run, so it uses the internal API directly.

/// Feeds arbitrary bytes through everything a hostile upload can reach: decompression
/// (gzip/zip are detected by magic bytes), the index pass, lazy decoding of every
/// instance, positions and reference validation. Any trap, leak or hang is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTEPReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options = STEPReadOptions(maxDecompressedBytes: 32 << 20, maxDiagnostics: 200)
    if size > 1, bytes[0] == 0xFF, bytes[1] == 0xDE {
        // Raw DEFLATE mode, so the inflater gets inputs that are not wrapped in a container.
        bytes.withUnsafeBufferPointer { p in
            var inflater = DEFLATEInflater(p, start: 2, limit: 1 << 20)
            _ = try? inflater.run()
        }
        return 0
    }
    guard let file = try? STEPFile(bytes: bytes, options: options) else { return 0 }
    // Every lookup path (rank bitmap, offset table, direct table, binary search, hash map) must
    // find each kept instance at its own ordinal, whatever duplicates or id order the input has.
    for k in 0..<min(file.instanceCount, 50_000) {
        let id = file.instanceID(atOrdinal: k)
        if file.ordinal(of: id) != k { fatalError("lookup of \(id) gives \(String(describing: file.ordinal(of: id))), not \(k)") }
    }
    for id in file.allInstanceIDs.prefix(20_000) {
        _ = file.typeName(of: id)
        if let args = file.arguments(of: id) {
            for value in args.values {
                _ = value.asDouble
                _ = value.asString
            }
            _ = args.parts
        }
        _ = file.position(of: id)
        _ = file.argumentByteRange(of: id)
    }
    for code in 0..<min(file.entityTypes.count, 64) { _ = file.instances(ofTypeCode: code) }
    _ = file.validateReferences()
    _ = file.header.schemaIdentifiers
    return 0
}
