import Foundation
import Testing
@testable import IFCGeometry

/// Parses our own GLB output back (independently of the writer's code paths).
struct ParsedGLB {
    var json: [String: Any]
    var bin: [UInt8]
    var totalLength: Int

    init?(_ data: [UInt8]) {
        func u32(_ o: Int) -> Int { Int(data[o]) | Int(data[o + 1]) << 8 | Int(data[o + 2]) << 16 | Int(data[o + 3]) << 24 }
        guard data.count >= 20, u32(0) == 0x4654_6C67, u32(4) == 2, u32(8) == data.count else { return nil }
        totalLength = u32(8)
        let jsonLength = u32(12)
        guard u32(16) == 0x4E4F_534A, jsonLength % 4 == 0, 20 + jsonLength <= data.count,
              let obj = try? JSONSerialization.jsonObject(with: Data(data[20..<(20 + jsonLength)])) as? [String: Any]
        else { return nil }
        json = obj
        let binStart = 20 + jsonLength
        if binStart < data.count {
            let binLength = u32(binStart)
            guard u32(binStart + 4) == 0x004E_4942, binLength % 4 == 0, binStart + 8 + binLength == data.count else { return nil }
            bin = Array(data[(binStart + 8)...])
        } else {
            bin = []
        }
    }

    var nodes: [[String: Any]] { json["nodes"] as? [[String: Any]] ?? [] }
    var accessors: [[String: Any]] { json["accessors"] as? [[String: Any]] ?? [] }
    var bufferViews: [[String: Any]] { json["bufferViews"] as? [[String: Any]] ?? [] }
    var productNodes: [[String: Any]] { nodes.filter { ($0["extras"] as? [String: Any])?["globalId"] != nil } }

    func floats(accessor i: Int) -> [Float] {
        let a = accessors[i], v = bufferViews[a["bufferView"] as! Int]
        let off = v["byteOffset"] as? Int ?? 0, count = (a["count"] as! Int) * 3
        return (0..<count).map { k in
            let o = off + 4 * k
            return Float(bitPattern: UInt32(bin[o]) | UInt32(bin[o + 1]) << 8 | UInt32(bin[o + 2]) << 16 | UInt32(bin[o + 3]) << 24)
        }
    }
}

@Suite struct GLBTests {
    /// Synthetic scenes shared with the external checker test.
    static func wallWithDoor() -> GeometryScene {
        let wall = TestSupport.mesh(.boolean(.difference, TestSupport.box(0, 0, 0, 4, 0.2, 3), TestSupport.box(1, -0.1, 0, 2, 0.3, 2))).0
        let door = TestSupport.mesh(TestSupport.box(1, 0.05, 0, 2, 0.15, 2)).0
        var s = GeometryScene(meshes: [1: wall, 2: door],
                              materials: [1: GLBMaterial(name: "concrete", red: 0.6, green: 0.6, blue: 0.6),
                                          2: GLBMaterial(name: "glass", red: 0.2, green: 0.4, blue: 0.8, alpha: 0.4)],
                              products: [
                                  GeometryProduct(globalId: "2O2Fr$t4X7Zf8NOew3FLOH", ifcType: "IfcWall", name: "Wall \"A\"",
                                                  instances: [.init(meshID: 1, materialID: 1)], containers: ["storey-1"]),
                                  GeometryProduct(globalId: "1hOSvn6df7F8_7GcBWlRGQ", ifcType: "IfcDoor", name: "Door",
                                                  instances: [.init(meshID: 2, materialID: 2)], containers: ["storey-1"]),
                              ])
        s.computeBounds()
        return s
    }

    static func mappedGrid(_ n: Int = 10) -> GeometryScene {
        let column = TestSupport.mesh(.extrudedAreaSolid(profile: .parametric(.circle(radius: 0.2), position: .identity),
                                                         position: .identity, direction: .unitZ, depth: 3)).0
        var products: [GeometryProduct] = []
        for i in 0..<n {
            for j in 0..<n {
                products.append(GeometryProduct(globalId: "col-\(i)-\(j)", ifcType: "IfcColumn",
                                                instances: [.init(meshID: 7, transform: .translation(Vec3(Double(i) * 5, Double(j) * 5, 0))
                                                    .concatenating(.scale(1, 1.5, 1)))]))
            }
        }
        var s = GeometryScene(meshes: [7: column], products: products)
        s.computeBounds()
        return s
    }

    static func clippedWall() -> GeometryScene {
        let hs = HalfSpace(plane: Plane(point: Vec3(2, 0, 2), normal: Vec3(-1, 0, 2))!, agreementFlag: false)
        let m = TestSupport.mesh(.boolean(.difference, TestSupport.box(0, 0, 0, 4, 0.2, 3), .halfSpace(hs))).0
        var s = GeometryScene(meshes: [1: m], products: [GeometryProduct(globalId: "clipped", ifcType: "IfcWall", instances: [.init(meshID: 1)])])
        s.computeBounds()
        return s
    }

    static func largeCoordinates() -> GeometryScene {
        let o = Vec3(2_500_000.123, 5_600_000.456, 400)
        let baked = TestSupport.mesh(.transformed(TestSupport.box(0, 0, 0, 0.01, 0.01, 0.01), .translation(o))).0
        let local = TestSupport.mesh(TestSupport.box(0, 0, 0, 1, 1, 1)).0
        var s = GeometryScene(meshes: [1: baked, 2: local], products: [
            GeometryProduct(globalId: "tiny-baked", ifcType: "IfcFurniture", instances: [.init(meshID: 1)]),
            GeometryProduct(globalId: "placed", ifcType: "IfcSlab", instances: [.init(meshID: 2, transform: .translation(o + Vec3(5, 0, 0)))]),
        ])
        s.computeBounds()
        return s
    }

    @Test func structureRoundTrips() throws {
        let scene = Self.wallWithDoor()
        let out = GLBWriter().write(scene)
        #expect(out.data.count % 4 == 0)
        let glb = try #require(ParsedGLB(out.data))
        #expect((glb.json["asset"] as? [String: Any])?["version"] as? String == "2.0")
        #expect(glb.productNodes.count == 2)
        let extras = glb.productNodes.compactMap { $0["extras"] as? [String: Any] }
        #expect(extras.contains { $0["globalId"] as? String == "2O2Fr$t4X7Zf8NOew3FLOH" && $0["ifcType"] as? String == "IfcWall"
            && $0["name"] as? String == "Wall \"A\"" })
        let materials = try #require(glb.json["materials"] as? [[String: Any]])
        #expect(materials.contains { $0["alphaMode"] as? String == "BLEND" })
        // Every bufferView starts 4-byte aligned and lies inside the BIN chunk.
        for v in glb.bufferViews {
            let off = v["byteOffset"] as? Int ?? 0, len = v["byteLength"] as! Int
            #expect(off % 4 == 0 && off + len <= glb.bin.count)
        }
        // POSITION min/max match the data.
        let meshes = try #require(glb.json["meshes"] as? [[String: Any]])
        for m in meshes {
            let prim = (m["primitives"] as! [[String: Any]])[0]
            let attrs = prim["attributes"] as! [String: Int]
            let acc = glb.accessors[attrs["POSITION"]!]
            let f = glb.floats(accessor: attrs["POSITION"]!)
            let mins = (acc["min"] as! [Double]), maxs = (acc["max"] as! [Double])
            for k in 0..<3 {
                let vals = stride(from: k, to: f.count, by: 3).map { Double(f[$0]) }
                #expect(abs(vals.min()! - mins[k]) < 1e-6 && abs(vals.max()! - maxs[k]) < 1e-6)
            }
            #expect(glb.accessors[prim["indices"] as! Int]["componentType"] as? Int == 5123)
        }
        // Root node rotates Z-up to Y-up and carries the tile centre.
        let root = glb.nodes.last!
        #expect((root["rotation"] as? [Double])?.count == 4)
        #expect((root["translation"] as? [Double]) != nil)
    }

    @Test func instancesShareOneMesh() throws {
        let out = GLBWriter().write(Self.mappedGrid())
        let glb = try #require(ParsedGLB(out.data))
        #expect(glb.productNodes.count == 100)
        #expect((glb.json["meshes"] as? [Any])?.count == 1)
        #expect(out.meshCount == 1)
    }

    @Test func selectionByContainerAndBox() throws {
        let scene = Self.wallWithDoor()
        let one = GLBWriter().write(scene, selection: .products(["1hOSvn6df7F8_7GcBWlRGQ"]))
        #expect(try #require(ParsedGLB(one.data)).productNodes.count == 1)
        #expect(GLBWriter().write(scene, selection: .container("storey-1")).productCount == 2)
        #expect(GLBWriter().write(scene, selection: .container("storey-2")).productCount == 0)
        let box = BoundingBox(min: Vec3(3.5, 0.06, 0.5), max: Vec3(5, 0.07, 0.6))  // wall only
        #expect(GLBWriter().write(scene, selection: .boundingBox(box)).productCount == 1)
        #expect(GLBWriter().write(scene, selection: .predicate { $0.ifcType == "IfcWall" }).productCount == 1)
        let empty = try #require(ParsedGLB(GLBWriter().write(scene, selection: .products([])).data))
        #expect(empty.productNodes.isEmpty)
    }

    @Test func largeCoordinatesKeepPrecision() throws {
        let scene = Self.largeCoordinates()
        let out = GLBWriter().write(scene)
        let glb = try #require(ParsedGLB(out.data))
        for a in glb.accessors where a["min"] != nil {
            for v in (a["min"] as! [Double]) + (a["max"] as! [Double]) { #expect(abs(v) < 10) }
        }
        // The 1 cm cube survives: its stored extent is 1 cm to within 1 µm.
        let tiny = glb.productNodes.first { ($0["extras"] as! [String: Any])["globalId"] as? String == "tiny-baked" }!
        let meshIndex = tiny["mesh"] as! Int
        let prim = ((glb.json["meshes"] as! [[String: Any]])[meshIndex]["primitives"] as! [[String: Any]])[0]
        let acc = glb.accessors[(prim["attributes"] as! [String: Int])["POSITION"]!]
        let size = zip(acc["max"] as! [Double], acc["min"] as! [Double]).map { $0 - $1 }
        #expect(size.allSatisfy { abs($0 - 0.01) < 1e-6 })
        // Node translations are relative to the tile centre (small).
        let m = tiny["matrix"] as! [Double]
        #expect(abs(m[12]) < 100 && abs(m[13]) < 100 && abs(m[14]) < 100)
        #expect(abs(out.tileCentre.x - 2_500_002.5) < 10)
    }

    @Test func thirtyTwoBitIndicesWhenNeeded() throws {
        var big = Mesh()
        for i in 0..<25_000 { big.addFlatTriangle(Vec3(Double(i), 0, 0), Vec3(Double(i) + 0.5, 0, 0), Vec3(Double(i), 1, 0)) }
        let scene = GeometryScene(meshes: [1: big], products: [GeometryProduct(globalId: "big", ifcType: "IfcSlab", instances: [.init(meshID: 1)])])
        let glb = try #require(ParsedGLB(GLBWriter().write(scene).data))
        let idx = glb.accessors.first { $0["type"] as? String == "SCALAR" }!
        #expect(idx["componentType"] as? Int == 5125)
    }

    @Test func quantizedOutput() throws {
        var options = GLBOptions()
        options.quantize = true
        let out = GLBWriter(options: options).write(Self.mappedGrid(3))
        let glb = try #require(ParsedGLB(out.data))
        #expect((glb.json["extensionsRequired"] as? [String]) == ["KHR_mesh_quantization"])
        let pos = glb.accessors.first { $0["componentType"] as? Int == 5122 }!
        #expect(pos["normalized"] as? Bool == true)
        #expect((pos["max"] as! [Double]).allSatisfy { $0 <= 32767 })
        #expect(glb.bufferViews.contains { $0["byteStride"] as? Int == 8 })
    }

    @Test func invalidMeshesAreSkippedNotWritten() throws {
        var bad = Mesh()
        bad.addVertex(Vec3(.nan, 0, 0), normal: .unitZ)
        bad.addVertex(Vec3(1, 0, 0), normal: .unitZ)
        bad.addVertex(Vec3(0, 1, 0), normal: .unitZ)
        bad.addTriangle(0, 1, 2)
        var wrongIndex = Mesh()
        wrongIndex.addFlatTriangle(.zero, .unitX, .unitY)
        wrongIndex.indices.append(contentsOf: [0, 1, 77])
        let scene = GeometryScene(meshes: [1: bad, 2: wrongIndex], products: [
            GeometryProduct(globalId: "nan", ifcType: "IfcWall", instances: [.init(meshID: 1)]),
            GeometryProduct(globalId: "idx", ifcType: "IfcWall", instances: [.init(meshID: 2)]),
            GeometryProduct(globalId: "none", ifcType: "IfcWall", instances: [.init(meshID: 3)]),
        ])
        let out = GLBWriter().write(scene)
        #expect(out.productCount == 0)
        #expect(out.diagnostics.count >= 3)
        #expect(ParsedGLB(out.data) != nil)
    }

    // MARK: External validation (trimesh + pygltflib)

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var checkerAvailable: Bool {
        ProcessInfo.processInfo.environment["ATRIUM_SKIP_GLTF_CHECK"] == nil
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || FileManager.default.fileExists(atPath: "/usr/local/bin/python3")
            || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/python3")
            }
    }

    func runChecker(_ scene: GeometryScene, name: String, options: GLBOptions = .init(), ids: [String]) throws {
        let out = GLBWriter(options: options).write(scene)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-glb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).glb")
        try Data(out.data).write(to: file)
        let process = Process()
        process.executableURL = Self.packageRoot.appendingPathComponent("tools/gltf-check/run")
        process.arguments = [file.path, "--expect-nodes", String(out.productCount), "--expect-ids", ids.joined(separator: ",")]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "gltf-check failed for \(name): \(text)")
    }

    @Test(.enabled(if: checkerAvailable, "needs python3 (tools/gltf-check/run builds a venv with trimesh + pygltflib); set ATRIUM_SKIP_GLTF_CHECK to skip"))
    func externalReadersAcceptSyntheticScenes() throws {
        try runChecker(Self.wallWithDoor(), name: "wall-door", ids: ["2O2Fr$t4X7Zf8NOew3FLOH", "1hOSvn6df7F8_7GcBWlRGQ"])
        try runChecker(Self.mappedGrid(), name: "grid", ids: ["col-0-0", "col-9-9"])
        try runChecker(Self.clippedWall(), name: "clipped", ids: ["clipped"])
        try runChecker(Self.largeCoordinates(), name: "large", ids: ["tiny-baked", "placed"])
        var q = GLBOptions()
        q.quantize = true
        try runChecker(Self.mappedGrid(4), name: "grid-quantized", options: q, ids: ["col-3-3"])
    }
}
