import Foundation
import IFC
import IFCGeometry
import Testing

/// World boxes against IfcOpenShell's (`bbox_m` in ../shared/reference/ifc) for every corpus file up to
/// 5 MB. Coverage = share of the products IfcOpenShell tessellated (openings aside) that get geometry
/// here; accuracy = share of those within max(1 cm, 0.5 % of the diagonal). Both must reach 97 %.
@Suite struct IFCGeometryFidelityTests {
    /// ../shared next to the package; symlinks resolved so scratch packages that link this folder find it too.
    static let shared: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")
    static var hasShared: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference/ifc").path)
            && FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus/ifc").path)
    }
    static let sizeLimit = 5_000_000
    static let bar = 0.97

    static func referenceFiles() -> [URL] {
        let root = shared.appendingPathComponent("reference/ifc")
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(".json.gz") }.sorted { $0.path < $1.path }
    }

    static func gunzip(_ url: URL) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    struct Score {
        var expected = 0
        var covered = 0
        var accurate = 0
        var worst: [(Double, String)] = []
        var coverage: Double { expected == 0 ? 1 : Double(covered) / Double(expected) }
        var accuracy: Double { covered == 0 ? 1 : Double(accurate) / Double(covered) }
        var passes: Bool { coverage >= IFCGeometryFidelityTests.bar && accuracy >= IFCGeometryFidelityTests.bar }
    }

    static func score(expected: [String: [Double]], ours: [String: BoundingBox], scale: Double = 1) -> Score {
        var s = Score()
        s.expected = expected.count
        var missing: [String] = []
        for (id, ref) in expected {
            guard ref.count == 6, let b = ours[id] else { missing.append(id); continue }
            s.covered += 1
            let mine = [b.min.x, b.min.y, b.min.z, b.max.x, b.max.y, b.max.z].map { $0 * scale }
            let diagonal = ((ref[3] - ref[0]) * (ref[3] - ref[0]) + (ref[4] - ref[1]) * (ref[4] - ref[1])
                + (ref[5] - ref[2]) * (ref[5] - ref[2])).squareRoot()
            let error = zip(mine, ref).map { abs($0 - $1) }.max() ?? .infinity
            if error <= max(0.01, 0.005 * diagonal) { s.accurate += 1 } else { s.worst.append((error, id)) }
        }
        s.worst.sort { $0.0 > $1.0 }
        s.worst = Array(s.worst.prefix(3)) + missing.sorted().prefix(3).map { (Double.infinity, $0) }
        return s
    }

    /// IfcOpenShell's geometry takes the last LENGTHUNIT when a file assigns several; returns the factor
    /// from our metres to its numbers when that differs from the first (which the IFC reader follows).
    static func lastLengthUnitQuirk(_ model: IFCModel) -> Double? {
        guard let assignment = model.instances(of: "IfcUnitAssignment").first else { return nil }
        let lengths = model.references(assignment, "Units").filter {
            model[$0, "UnitType"]?.asEnumeration == "LENGTHUNIT" && model.typeName(of: $0) == "IfcSIUnit"
        }
        guard lengths.count > 1, let last = lengths.last else { return nil }
        let prefix: [String: Double] = ["MILLI": 1e-3, "CENTI": 1e-2, "DECI": 1e-1, "KILO": 1e3]
        let lastScale = model[last, "Prefix"]?.asEnumeration.flatMap { prefix[$0] } ?? 1
        // Raw coordinates are ours / first scale; IfcOpenShell multiplies them by the last one.
        let factor = lastScale / model.lengthUnitInMetres
        return abs(factor - 1) > 1e-9 ? factor : nil
    }

    /// True for a vertical IfcCurveSegment on an IfcCircle whose start tangent is not along the parent's x
    /// axis: IfcOpenShell 0.9 measures such arcs' horizontal extent along that axis (see IFCTests'
    /// IFCReferenceComparison), so it draws them with the wrong span and shifts every elevation after them.
    static func skewedVerticalArc(_ seg: STEPInstanceID, _ model: IFCModel) -> Bool {
        guard model.isA(seg, "IfcCurveSegment"), let start = model[seg, "SegmentStart"]?.asDouble,
              let parent = model.reference(seg, "ParentCurve"), model.isA(parent, "IfcCircle"),
              let radius = model.double(parent, "Radius"), radius > 0,
              let place = model.reference(seg, "Placement"), model.isA(place, "IfcAxis2Placement2D") else { return false }
        var angle = start / radius
        if let position = model.reference(parent, "Position"), let dir = model.reference(position, "RefDirection"),
           let r = model[dir, "DirectionRatios"]?.asList?.compactMap(\.asDouble), r.count >= 2 {
            angle += atan2(r[1], r[0])
        }
        return abs(cos(angle)) > 1e-6
    }

    /// GlobalIds whose IfcOpenShell box inherits that error: vertical segments that are such arcs, and
    /// products placed linearly on a gradient curve past one.
    static func skewedVerticalArcProducts(_ model: IFCModel) -> Set<String> {
        var out = Set<String>()
        for p in model.instances(of: "IfcProduct") {
            guard let gid = model.globalID(of: p) else { continue }
            if model.isA(p, "IfcAlignmentSegment"), let design = model.reference(p, "DesignParameters"),
               model.isA(design, "IfcAlignmentVerticalSegment"), let shape = model.reference(p, "Representation") {
                let items = model.references(shape, "Representations").flatMap { model.references($0, "Items") }
                if items.contains(where: { skewedVerticalArc($0, model) }) { out.insert(gid) }
            }
            var cursor = model.reference(p, "ObjectPlacement")
            for _ in 0..<64 {
                guard let c = cursor else { break }
                if model.isA(c, "IfcLinearPlacement") {
                    if let axis = model.reference(c, "RelativePlacement"), let point = model.reference(axis, "Location"),
                       let distance = model.double(point, "DistanceAlong"),
                       let curve = model.reference(point, "BasisCurve"), model.isA(curve, "IfcGradientCurve"),
                       let segments = model[curve, "Segments"]?.asList {
                        let before = segments.prefix(10_000).compactMap(\.asReference).contains { seg in
                            guard skewedVerticalArc(seg, model), let place = model.reference(seg, "Placement"),
                                  let loc = model.reference(place, "Location"),
                                  let x = model[loc, "Coordinates"]?.asList?.first?.asDouble else { return false }
                            return x <= distance
                        }
                        if before { out.insert(gid) }
                    }
                    break
                }
                cursor = model.reference(c, "PlacementRelTo")
            }
        }
        return out
    }

    @Test(.enabled(if: IFCGeometryFidelityTests.hasShared,
                   "needs ../shared/reference/ifc and ../shared/corpus/ifc next to the package"))
    func boxesMatchIfcOpenShell() async throws {
        var lines = ["file                                                  products  coverage  accuracy"]
        var files = 0
        var passed = 0
        for ref in Self.referenceFiles() {
            let relative = ref.path.replacingOccurrences(of: Self.shared.path + "/reference/ifc/", with: "")
            let ifc = Self.shared.appendingPathComponent("corpus/ifc/" + String(relative.dropLast(8)))
            let size = (try? FileManager.default.attributesOfItem(atPath: ifc.path)[.size] as? Int) ?? 0
            guard size > 0, size <= Self.sizeLimit else { continue }
            guard let json = try JSONSerialization.jsonObject(with: Self.gunzip(ref)) as? [String: Any] else {
                Issue.record("unreadable reference \(relative)")
                continue
            }
            let boxes = (json["bbox_m"] as? [String: [Double]]) ?? [:]
            var types: [String: String] = [:]
            for e in (json["elements"] as? [[String: Any]]) ?? [] {
                if let id = e["id"] as? String, let t = e["type"] as? String { types[id] = t }
            }
            let expected = boxes.filter { !(types[$0.key]?.hasPrefix("IfcOpening") ?? false) }
            guard !expected.isEmpty else { continue }
            files += 1
            let model = try IFCModel(contentsOf: ifc)
            let result = await IFCGeometryExtractor(model: model).extract()
            let ours = result.boundingBoxes()
            // Products whose IfcOpenShell box is wrong by its known vertical-arc error are compared apart.
            let skewed = Self.skewedVerticalArcProducts(model)
            let s = Self.score(expected: expected.filter { !skewed.contains($0.key) }, ours: ours)
            let excused = Self.score(expected: expected.filter { skewed.contains($0.key) }, ours: ours)
            if excused.covered > excused.accurate {
                withKnownIssue("IfcOpenShell 0.9 mis-measures vertical arcs whose parent circle does not start at ±90°") {
                    Issue.record("\(relative): \(excused.covered - excused.accurate) boxes after skewed vertical arcs differ")
                }
            }
            func pct(_ v: Double) -> String { String(format: "%7.1f%%", v * 100) }
            let name = String(relative.dropLast(8)).padding(toLength: 52, withPad: " ", startingAt: 0)
            let row = "\(name) \(String(format: "%8d", s.expected))  \(pct(s.coverage))  \(pct(s.accuracy))"
            if s.passes {
                passed += 1
                let note = excused.expected > 0 ? "  (\(excused.expected) after skewed vertical arcs compared apart: "
                    + "\(excused.accurate) within tolerance)" : ""
                lines.append("OK   " + row + note)
                continue
            }
            if let factor = Self.lastLengthUnitQuirk(model),
               Self.score(expected: expected, ours: ours, scale: factor).passes {
                lines.append("UNIT " + row + "  (IfcOpenShell used the file's last LENGTHUNIT)")
                withKnownIssue("IfcOpenShell's geometry uses the last of several LENGTHUNITs; Atrium the first, like its IFC reader") {
                    Issue.record("\(relative): boxes match IfcOpenShell only in its last length unit")
                }
                continue
            }
            let worst = s.worst.map { "\($0.1) \($0.0.isFinite ? String(format: "%.3f m", $0.0) : "missing")" }
            lines.append("FAIL " + row + "  e.g. " + worst.joined(separator: ", "))
            Issue.record("\(relative): coverage \(pct(s.coverage)), accuracy \(pct(s.accuracy)) (bar 97 %); \(worst)")
        }
        lines.append("geometry fidelity: \(passed)/\(files) files at ≥ 97 % coverage and accuracy")
        print(lines.joined(separator: "\n"))
        #expect(files > 0)
    }
}
