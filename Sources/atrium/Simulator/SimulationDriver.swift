import Foundation
import TelemetryCore
import TwinServices
import TwinSimulation

/// Turns a ``SimulationRun`` into what goes on the wire: paced against the wall clock at
/// `speed` simulated seconds per real second, each due reading stamped with the wall-clock
/// moment it stands for (`start + elapsed / speed`, so readings are never in the future and a
/// point's readings stay distinct however fast the run goes), converted from canonical units to
/// the unit the point expects, and gathered per point so one message carries all of a point's
/// readings since the last flush.
struct SimulationDriver {
    /// A point's wire details: topic bytes, and the inverse of its unit's conversion.
    struct Wire {
        var topic: String
        var externalKey: String
        var scale: Double
        var shift: Double
        /// Booleans and codes go out as integers.
        var integral: Bool
    }

    var run: SimulationRun
    let wires: [Wire]
    let speed: Double
    /// Wall-clock microseconds at elapsed 0.
    let startMicros: Int64
    /// Readings due since the last flush, per point: (time µs, wire value).
    private(set) var pending: [[(Int64, Double)]]
    private(set) var pendingPoints: [Int] = []
    private(set) var produced = 0
    /// Readings waiting to be sent, and the most that may wait.
    private(set) var pendingCount = 0
    static let maximumPending = 2_000_000

    init(run: SimulationRun, snapshot: BuildingSnapshot, speed: Double, startMicros: Int64, topicTemplate: String) {
        self.run = run
        self.speed = speed
        self.startMicros = startMicros
        let byID = Dictionary(snapshot.points.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assetNames = Dictionary(snapshot.assets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        wires = run.points.map { point in
            let info = byID[point.id]
            let quantity = Quantity(rawValue: point.quantity)
            // canonical = wire × scale + shift, so wire = (canonical − shift) ÷ scale.
            let conversion = (try? quantity?.conversion(from: info?.unit)) ?? UnitConversion.identity
            let topic = info?.topic ?? Self.topic(template: topicTemplate, info: info ?? BuildingSnapshot.PointInfo(
                id: point.id, externalKey: point.externalKey, name: point.id, quantity: point.quantity, unit: ""),
                                                 point: point, assetName: point.assetID.flatMap { assetNames[$0] })
            return Wire(topic: topic, externalKey: point.externalKey, scale: conversion.scale == 0 ? 1 : conversion.scale,
                        shift: conversion.shift, integral: quantity.map { $0.isBoolean || $0.isEnumerated } ?? false)
        }
        pending = Array(repeating: [], count: run.points.count)
    }

    /// `dc/{site}/{building}/{asset}/{quantity}` filled the way a gateway would: the site's slug,
    /// the building's name, and the external key's two halves (`DC1-A01-R01-TS`, `temperature`).
    /// Names that cannot stand in a topic level (`/`, `+`, `#`) fall back to ids.
    static func topic(template: String, info: BuildingSnapshot.PointInfo, point: PlantInput.Point, assetName: String?) -> String {
        func safe(_ text: String, _ fallback: String) -> String {
            text.isEmpty || text.contains(where: { "/+#".contains($0) }) ? fallback : text
        }
        let key = point.externalKey
        let slash = key.lastIndex(of: "/")
        let assetPart = slash.map { String(key[..<$0]) } ?? (assetName ?? point.assetID ?? point.id)
        let suffix = slash.map { String(key[key.index(after: $0)...]) } ?? point.quantity
        return template
            .replacingOccurrences(of: "{site}", with: safe(TopicSlug.of(info.siteName), info.siteID))
            .replacingOccurrences(of: "{building}", with: safe(info.buildingName, info.buildingID))
            .replacingOccurrences(of: "{asset}", with: safe(assetPart, point.assetID ?? point.id))
            .replacingOccurrences(of: "{quantity}", with: safe(suffix, point.quantity))
            .replacingOccurrences(of: "{point}", with: point.id)
            .replacingOccurrences(of: "{key}", with: safe(key, point.id))
    }

    /// Real seconds of readings kept for a broker or server that was away; older ones are not sent
    /// (a gateway's buffer is finite too), which bounds memory however long an outage lasts.
    static let catchUpSeconds = 60.0

    /// Steps the plant up to `nowMicros` (wall clock), gathering what falls due.
    mutating func advance(toMicros nowMicros: Int64) {
        let target = Double(nowMicros - startMicros) / 1_000_000 * speed
        let delta = target - run.elapsed
        guard delta > 0 else { return }
        let kept = Self.catchUpSeconds * speed
        if delta > kept {
            run.advance(by: delta - kept) { _ in }
            advance(bySimulated: kept)
        } else {
            advance(bySimulated: delta)
        }
    }

    /// Steps `seconds` of simulated time regardless of the clock (for `--output`).
    mutating func advance(bySimulated seconds: Double) {
        let start = startMicros, speed = speed
        var gathered: [(Int, Int64, Double)] = []
        run.advance(by: seconds) { emission in
            let micros = start + Int64((emission.elapsed / speed * 1_000_000).rounded())
            gathered.append((emission.point, micros, emission.value))
        }
        for (point, micros, canonical) in gathered {
            let wire = wires[point]
            var value = (canonical - wire.shift) / wire.scale
            if wire.integral { value = value.rounded() }
            if pending[point].isEmpty { pendingPoints.append(point) }
            // Distinct times per point (two readings in one microsecond would be one in the store).
            if let last = pending[point].last, last.0 >= micros { continue }
            pending[point].append((micros, value))
            pendingCount += 1
        }
        produced += gathered.count
    }

    /// Hands out what is pending, one point at a time, and forgets it; when `body` throws, the
    /// points not yet handed out stay pending (the one that failed is lost, like a gateway's
    /// message in flight when its broker dies).
    mutating func drain(_ body: (Int, [(Int64, Double)]) throws -> Void) rethrows {
        var done = 0
        defer { pendingPoints.removeFirst(done) }
        for point in pendingPoints {
            let readings = pending[point]
            pendingCount -= readings.count
            pending[point].removeAll(keepingCapacity: true)
            done += 1
            if !readings.isEmpty { try body(point, readings) }
        }
    }

    /// Re-queues readings a failed send did not deliver (ahead of anything newer).
    /// Beyond ``maximumPending`` readings waiting, what failed is dropped instead (bounded memory
    /// through a long server outage; the newest readings are the ones kept).
    mutating func requeue(_ point: Int, _ readings: [(Int64, Double)]) {
        guard !readings.isEmpty, pendingCount + readings.count <= Self.maximumPending else { return }
        pendingCount += readings.count
        if pending[point].isEmpty { pendingPoints.append(point) }
        pending[point] = readings + pending[point]
    }

    /// `{"value":v,"ts":µs}` for one reading, a JSON array of them for several.
    static func payload(_ readings: [(Int64, Double)], into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        if readings.count > 1 { bytes.append(UInt8(ascii: "[")) }
        for (index, reading) in readings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"value":"#.utf8)
            appendNumber(reading.1, to: &bytes)
            bytes.append(contentsOf: #","ts":"#.utf8)
            bytes.append(contentsOf: String(reading.0).utf8)
            bytes.append(UInt8(ascii: "}"))
        }
        if readings.count > 1 { bytes.append(UInt8(ascii: "]")) }
    }

    /// Integers as integers, other values to 4 decimals (sensors do not resolve finer), fast.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        guard value.isFinite else { bytes.append(UInt8(ascii: "0")); return }
        let scaled = (value * 10_000).rounded()
        guard abs(scaled) < 9e17 else { bytes.append(contentsOf: String(value).utf8); return }
        var n = Int64(scaled)
        if n < 0 { bytes.append(UInt8(ascii: "-")); n = -n }
        let whole = n / 10_000
        var fraction = n % 10_000
        bytes.append(contentsOf: String(whole).utf8)
        guard fraction != 0 else { return }
        var digits = 4
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        bytes.append(UInt8(ascii: "."))
        let text = String(fraction)
        for _ in 0..<(digits - text.count) { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: text.utf8)
    }
}
