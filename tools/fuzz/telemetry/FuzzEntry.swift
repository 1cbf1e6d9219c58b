// libFuzzer entry point for the telemetry decoders. Compiled together with
// Sources/TelemetryCore/*.swift into one module by ./run, so it uses the internal API directly.
// FUZZ_TARGET picks the decoder: json, ndjson, csv, mqtt, topic or number.
import Foundation

let fuzzTarget = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "json"

/// Any trap, leak, hang or broken invariant below is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTelemetry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    let limits = TelemetryDecodeLimits(maxItems: 5_000, maxBytes: 1 << 20, maxStringLength: 256, maxDepth: 8, maxErrors: 100)
    switch fuzzTarget {
    case "json":
        let b = TelemetryJSONDecoder(limits: limits).decode(raw)
        check(b, raw)
        roundTrip(b)
    case "ndjson":
        let b = TelemetryNDJSONDecoder(limits: limits).decode(raw)
        check(b, raw)
        roundTrip(b)
    case "csv":
        let b = TelemetryCSVDecoder(limits: limits).decode(raw)
        check(b, raw)
        roundTrip(b)
    case "mqtt":
        let key = PointKey.externalKey("topic")
        let b = MQTTPayloadDecoder(limits: limits).decode(raw, key: key)
        check(b, raw)
        if b.readings.contains(where: { $0.key != key }) { fatalError("payload changed the topic's key") }
        compareBareNumber(raw, b)
    case "topic":
        fuzzTopic(raw)
    case "number":
        fuzzNumber(raw)
    default:
        fatalError("unknown FUZZ_TARGET \(fuzzTarget)")
    }
    return 0
}

/// Structural invariants every decode result must satisfy.
func check(_ b: TelemetryBatch, _ raw: UnsafeRawBufferPointer) {
    if b.documentError != nil {
        if !b.readings.isEmpty { fatalError("readings survived a document error") }
    } else if b.readings.count + b.rejectedCount != b.itemCount {
        fatalError("counts: \(b.readings.count) + \(b.rejectedCount) != \(b.itemCount)")
    }
    if b.errors.count > b.rejectedCount || b.errors.count > 100 { fatalError("error count") }
    for r in b.readings {
        if !r.value.isFinite { fatalError("non-finite value") }
        if let t = r.timeMicros, t < RFC3339Timestamp.minMicros || t > RFC3339Timestamp.maxMicros { fatalError("ts range") }
        if let u = r.unit, (try? MeasurementUnit(parsing: u)) == nil { fatalError("unit \(u) does not parse") }
        if case .externalKey(let k) = r.key, k.isEmpty || k.utf8.count > 256 { fatalError("key length") }
    }
    var last = -1
    for e in b.errors + (b.documentError.map { [$0] } ?? []) {
        if e.offset < 0 || e.offset > raw.count { fatalError("offset \(e.offset) outside input") }
        let (line, column) = position(raw, e.offset)
        if e.line != line || e.column != column { fatalError("position \(e.line):\(e.column) != \(line):\(column)") }
        if e.isDocumentError { continue }
        if let i = e.itemIndex, i <= last || i >= b.itemCount { fatalError("item index order") } else { last = e.itemIndex ?? last }
    }
}

func position(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> (Int, Int) {
    var line = 1
    var start = 0
    for i in 0..<offset where raw[i] == 0x0A {
        line += 1
        start = i + 1
    }
    return (line, offset - start + 1)
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
        default: out.unicodeScalars.append(u)
        }
    }
    return out + "\""
}

/// Readings written back out as JSON, NDJSON and CSV decode to the same readings.
func roundTrip(_ b: TelemetryBatch) {
    guard b.documentError == nil, !b.readings.isEmpty else { return }
    var items: [String] = []
    var rows: [String] = []
    var csvSafe = true
    for r in b.readings {
        var f: [String] = []
        var keyCell: String
        switch r.key {
        case .id(let id):
            f.append("\"point\":\"\(id.uuidString.lowercased())\"")
            keyCell = id.uuidString.lowercased()
        case .externalKey(let k):
            f.append("\"key\":" + jsonString(k))
            keyCell = "\"" + k.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            if k.first == " " || k.first == "\t" || k.last == " " || k.last == "\t" { csvSafe = false }
        }
        let ts = r.timeMicros.map { RFC3339Timestamp(micros: $0).description }
        if let ts { f.append("\"ts\":\"\(ts)\"") }
        f.append("\"value\":\(r.value)")
        if let u = r.unit { f.append("\"unit\":" + jsonString(u)) }
        f.append("\"quality\":\"\(r.quality.rawValue)\"")
        items.append("{" + f.joined(separator: ",") + "}")
        let isPoint: Bool = if case .id = r.key { true } else { false }
        rows.append((isPoint ? keyCell + "," : "," + keyCell) + ",\(ts ?? ""),\(r.value),\"\(r.unit ?? "")\",\(r.quality.rawValue)")
    }
    let limits = TelemetryDecodeLimits(maxItems: 10_000, maxBytes: 16 << 20)
    let json = TelemetryJSONDecoder(limits: limits).decode(Array(("[" + items.joined(separator: ",") + "]").utf8))
    if json.readings != b.readings { fatalError("JSON round trip: \(json.documentError?.description ?? "") \(json.errors.first?.description ?? "")") }
    let nd = TelemetryNDJSONDecoder(limits: limits).decode(Array(items.joined(separator: "\n").utf8))
    if nd.readings != b.readings { fatalError("NDJSON round trip") }
    if csvSafe {
        let csv = TelemetryCSVDecoder(limits: limits).decode(Array(("point,key,ts,value,unit,quality\n" + rows.joined(separator: "\r\n")).utf8))
        if csv.readings != b.readings { fatalError("CSV round trip: \(csv.errors.first?.description ?? "")") }
    }
}

/// A payload read as a bare number must agree with the standard library's parser.
func compareBareNumber(_ raw: UnsafeRawBufferPointer, _ b: TelemetryBatch) {
    guard b.readings.count == 1, b.errors.isEmpty, let text = String(validating: raw, as: UTF8.self) else { return }
    let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n"))
    guard let first = trimmed.utf8.first, first == 0x2D || first == 0x2B || first == 0x2E || (first >= 0x30 && first <= 0x39),
          let expected = Double(trimmed), expected.isFinite else { return }
    if b.readings[0].value.bitPattern != expected.bitPattern {
        fatalError("\(trimmed): \(b.readings[0].value) != \(expected)")
    }
}

func fuzzNumber(_ raw: UnsafeRawBufferPointer) {
    guard let base = raw.baseAddress, raw.count > 0 else { return }
    let p = base.assumingMemoryBound(to: UInt8.self)
    for lenient in [false, true] {
        let n = DecimalNumber.scan(p, 0, raw.count, lenient: lenient)
        if n.end < 0 || n.end > raw.count { fatalError("end") }
        guard n.status != .malformed, n.end > 0 else { continue }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<n.end]), as: UTF8.self)
        guard let expected = Double(text) else { fatalError("standard library refused \(text)") }
        if expected.isInfinite != (n.status == .outOfRange) { fatalError("range of \(text)") }
        if expected.isFinite && expected.bitPattern != n.value.bitPattern { fatalError("\(text): \(n.value) != \(expected)") }
    }
}

/// First line: a template; the rest: a topic. A match, substituted back, must give the topic.
func fuzzTopic(_ raw: UnsafeRawBufferPointer) {
    let bytes = Array(raw)
    let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let templateText = String(decoding: bytes[..<split], as: UTF8.self)
    let topic = split < bytes.count ? Array(bytes[(split + 1)...]) : []
    guard let t = try? MQTTTopicTemplate(templateText, allowedVariables: nil) else { return }
    if t.levels.count != t.subscriptionFilter.utf8.split(separator: 0x2F, omittingEmptySubsequences: false).count { fatalError("filter levels") }
    guard let captures = t.match(topic) else { return }
    if Set(captures.keys) != Set(t.variables) { fatalError("captured \(captures.keys) of \(t.variables)") }
    var rebuilt: [String] = []
    for level in t.levels {
        switch level {
        case .literal(let text): rebuilt.append(String(decoding: text, as: UTF8.self))
        case .variable(let name, let prefix, let suffix):
            guard let v = captures[name], !v.isEmpty, !v.contains("/") else { fatalError("capture \(name)") }
            rebuilt.append(String(decoding: prefix, as: UTF8.self) + v + String(decoding: suffix, as: UTF8.self))
        }
    }
    if Array(rebuilt.joined(separator: "/").utf8) != topic { fatalError("rebuilt topic differs") }
}
