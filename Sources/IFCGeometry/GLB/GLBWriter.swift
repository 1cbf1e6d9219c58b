/// Writes glTF 2.0 binary (GLB): one JSON chunk + one BIN chunk.
///
/// Layout: a root node (Z-up → Y-up rotation and the tile centre as its
/// translation) whose children are one node per product carrying
/// `extras {globalId, ifcType, name}`. Each distinct (mesh, material) pair is
/// one glTF mesh, referenced by every product/instance that uses it, so mapped
/// items are stored once. Vertex data is written relative to each mesh's own
/// centre and the difference is folded into the node matrix in doubles, which
/// keeps Float32 precision for georeferenced coordinates.
public struct GLBWriter: Sendable {
    public var options: GLBOptions

    public init(options: GLBOptions = .init()) {
        self.options = options
    }

    public struct Output: Sendable {
        public var data: [UInt8]
        public var productCount: Int
        public var meshCount: Int
        public var triangleCount: Int
        public var tileCentre: Vec3
        public var diagnostics: [GeometryDiagnostic]
    }

    /// Per-(mesh, material) encoded glTF mesh.
    struct EncodedMesh {
        var index: Int
        /// Maps stored vertex values back to mesh coordinates.
        var dequantize: Transform3D
    }

    public func write(_ scene: GeometryScene, selection: SceneSelection = .all) -> Output {
        var diagnostics: [GeometryDiagnostic] = []
        let products = scene.products.filter { selection.matches($0) }
        var all = BoundingBox.empty
        for p in products { all.formUnion(p.bounds.isEmpty ? scene.bounds(of: p) : p.bounds) }
        let centre = options.tileCentre ?? (all.isEmpty ? .zero : all.center)

        var bin: [UInt8] = []
        var bufferViews: [GLTFJSON] = []
        var accessors: [GLTFJSON] = []
        var meshes: [GLTFJSON] = []
        var nodes: [GLTFJSON] = []
        var materials: [GLTFJSON] = []
        var materialIndex: [Int?: Int] = [:]
        var encoded: [MeshKey: EncodedMesh] = [:]
        var failed: Set<Int> = []
        var triangles = 0

        func align() { while bin.count % 4 != 0 { bin.append(0) } }
        func addView(_ bytes: [UInt8], stride: Int?, target: Int) -> Int {
            align()
            let offset = bin.count
            bin.append(contentsOf: bytes)
            var f: [(String, GLTFJSON)] = [("buffer", .int(0)), ("byteOffset", .int(offset)), ("byteLength", .int(bytes.count))]
            if let stride { f.append(("byteStride", .int(stride))) }
            f.append(("target", .int(target)))
            bufferViews.append(.object(f))
            return bufferViews.count - 1
        }
        func material(_ id: Int?) -> Int {
            if let i = materialIndex[id] { return i }
            let m = id.flatMap { scene.materials[$0] } ?? .defaultGrey
            var f: [(String, GLTFJSON)] = []
            if let n = m.name { f.append(("name", .string(n))) }
            f.append(("pbrMetallicRoughness", .object([
                ("baseColorFactor", .array([m.red, m.green, m.blue, m.alpha].map { .number(max(0, min(1, $0))) })),
                ("metallicFactor", .number(0)), ("roughnessFactor", .number(1)),
            ])))
            if m.alpha < 1 { f.append(("alphaMode", .string("BLEND"))) }
            materials.append(.object(f))
            materialIndex[id] = materials.count - 1
            return materials.count - 1
        }
        func encode(_ key: MeshKey, baking transform: Transform3D? = nil) -> EncodedMesh? {
            if let e = encoded[key] { return e }
            if failed.contains(key.mesh) { return nil }
            guard var mesh = scene.meshes[key.mesh], !mesh.isEmpty else {
                failed.insert(key.mesh)
                diagnostics.append(.init(.warning, "glb.mesh-missing", "mesh \(key.mesh) missing or empty"))
                return nil
            }
            guard mesh.isFinite, mesh.indices.allSatisfy({ Int($0) < mesh.vertexCount }) else {
                failed.insert(key.mesh)
                diagnostics.append(.init(.error, "glb.mesh-invalid", "mesh \(key.mesh) has non-finite values or bad indices"))
                return nil
            }
            if let transform { mesh = mesh.transformed(by: transform) }
            let box = mesh.bounds
            let c = box.center
            let half = max(box.size.x, box.size.y, box.size.z, 1e-9) / 2
            var attributes: [(String, GLTFJSON)] = []
            let n = mesh.vertexCount
            var dequant = Transform3D.translation(c)
            var quantized: [Int] = []
            var stored: [Float] = []
            if options.quantize {
                // Uniform scale so renderers' inverse-transpose keeps normals right.
                dequant = dequant.concatenating(.scale(half, half, half))
                var pos = [UInt8](); pos.reserveCapacity(n * 8)
                var lo = [Int](repeating: Int.max, count: 3), hi = [Int](repeating: Int.min, count: 3)
                for i in 0..<n {
                    let p = mesh.position(i) - c
                    let q = [p.x, p.y, p.z].map { Int(max(-32767, min(32767, ($0 / half * 32767).rounded()))) }
                    quantized.append(contentsOf: q)
                    for k in 0..<3 {
                        lo[k] = min(lo[k], q[k]); hi[k] = max(hi[k], q[k])
                        let v = UInt16(bitPattern: Int16(q[k]))
                        pos.append(UInt8(v & 0xff)); pos.append(UInt8(v >> 8))
                    }
                    pos.append(0); pos.append(0)
                }
                let pv = addView(pos, stride: 8, target: 34962)
                accessors.append(.object([("bufferView", .int(pv)), ("componentType", .int(5122)), ("normalized", .bool(true)),
                                          ("count", .int(n)), ("type", .string("VEC3")),
                                          ("min", .array(lo.map { .int($0) })), ("max", .array(hi.map { .int($0) }))]))
                attributes.append(("POSITION", .int(accessors.count - 1)))
                var nor = [UInt8](); nor.reserveCapacity(n * 4)
                for i in 0..<n {
                    for k in 0..<3 {
                        let v = Int(max(-127, min(127, (Double(mesh.normals[3 * i + k]) * 127).rounded())))
                        nor.append(UInt8(bitPattern: Int8(v)))
                    }
                    nor.append(0)
                }
                let nv = addView(nor, stride: 4, target: 34962)
                accessors.append(.object([("bufferView", .int(nv)), ("componentType", .int(5120)), ("normalized", .bool(true)),
                                          ("count", .int(n)), ("type", .string("VEC3"))]))
                attributes.append(("NORMAL", .int(accessors.count - 1)))
            } else {
                var pos = [UInt8](); pos.reserveCapacity(n * 12)
                var lo = [Float](repeating: .infinity, count: 3), hi = [Float](repeating: -.infinity, count: 3)
                for i in 0..<n {
                    let p = mesh.position(i) - c
                    let f = [Float(p.x), Float(p.y), Float(p.z)]
                    stored.append(contentsOf: f)
                    for k in 0..<3 {
                        lo[k] = min(lo[k], f[k]); hi[k] = max(hi[k], f[k])
                        GLBWriter.appendLE(f[k].bitPattern, to: &pos)
                    }
                }
                let pv = addView(pos, stride: nil, target: 34962)
                accessors.append(.object([("bufferView", .int(pv)), ("componentType", .int(5126)), ("count", .int(n)),
                                          ("type", .string("VEC3")),
                                          ("min", .array(lo.map { .number(Double($0)) })), ("max", .array(hi.map { .number(Double($0)) }))]))
                attributes.append(("POSITION", .int(accessors.count - 1)))
                var nor = [UInt8](); nor.reserveCapacity(n * 12)
                for v in mesh.normals { GLBWriter.appendLE(v.bitPattern, to: &nor) }
                let nv = addView(nor, stride: nil, target: 34962)
                accessors.append(.object([("bufferView", .int(nv)), ("componentType", .int(5126)), ("count", .int(n)),
                                          ("type", .string("VEC3"))]))
                attributes.append(("NORMAL", .int(accessors.count - 1)))
            }
            // Slivers can collapse once narrowed to Float32 or the int16 grid: drop those, they would be
            // degenerate in every reader (keep the mesh as is if nothing would remain).
            var kept = mesh.indices
            if options.quantize {
                var filtered: [UInt32] = []
                filtered.reserveCapacity(kept.count)
                var t = 0
                while t + 2 < kept.count {
                    let a = 3 * Int(kept[t]), b = 3 * Int(kept[t + 1]), d = 3 * Int(kept[t + 2])
                    let u = (quantized[b] - quantized[a], quantized[b + 1] - quantized[a + 1], quantized[b + 2] - quantized[a + 2])
                    let v = (quantized[d] - quantized[a], quantized[d + 1] - quantized[a + 1], quantized[d + 2] - quantized[a + 2])
                    let cx = u.1 * v.2 - u.2 * v.1, cy = u.2 * v.0 - u.0 * v.2, cz = u.0 * v.1 - u.1 * v.0
                    if cx != 0 || cy != 0 || cz != 0 { filtered.append(contentsOf: kept[t..<(t + 3)]) }
                    t += 3
                }
                if !filtered.isEmpty { kept = filtered }
            } else {
                var filtered: [UInt32] = []
                filtered.reserveCapacity(kept.count)
                var t = 0
                while t + 2 < kept.count {
                    let a = 3 * Int(kept[t]), b = 3 * Int(kept[t + 1]), d = 3 * Int(kept[t + 2])
                    let u = (Double(stored[b] - stored[a]), Double(stored[b + 1] - stored[a + 1]), Double(stored[b + 2] - stored[a + 2]))
                    let v = (Double(stored[d] - stored[a]), Double(stored[d + 1] - stored[a + 1]), Double(stored[d + 2] - stored[a + 2]))
                    let cx = u.1 * v.2 - u.2 * v.1, cy = u.2 * v.0 - u.0 * v.2, cz = u.0 * v.1 - u.1 * v.0
                    if cx != 0 || cy != 0 || cz != 0 { filtered.append(contentsOf: kept[t..<(t + 3)]) }
                    t += 3
                }
                if !filtered.isEmpty { kept = filtered }
            }
            // Index 65535 is reserved (primitive restart), so 16-bit only below it.
            var idx = [UInt8]()
            let short = n < 65535
            idx.reserveCapacity(kept.count * (short ? 2 : 4))
            for i in kept {
                if short { GLBWriter.appendLE(UInt16(i), to: &idx) } else { GLBWriter.appendLE(i, to: &idx) }
            }
            let iv = addView(idx, stride: nil, target: 34963)
            accessors.append(.object([("bufferView", .int(iv)), ("componentType", .int(short ? 5123 : 5125)),
                                      ("count", .int(kept.count)), ("type", .string("SCALAR"))]))
            let indexAccessor = accessors.count - 1
            let mat = material(key.material)
            meshes.append(.object([("primitives", .array([.object([
                ("attributes", .object(attributes)), ("indices", .int(indexAccessor)), ("material", .int(mat)), ("mode", .int(4)),
            ])]))]))
            triangles += kept.count / 3
            let e = EncodedMesh(index: meshes.count - 1, dequantize: dequant)
            encoded[key] = e
            return e
        }

        var productNodes: [Int] = []
        var written = 0
        var bakedCount = 0
        let toTile = Transform3D.translation(-centre)
        for p in products {
            var children: [(Int, Transform3D)] = []
            for inst in p.instances {
                guard inst.transform.isFinite else {
                    diagnostics.append(.init(.warning, "glb.transform", "non-finite transform in \(p.globalId) skipped"))
                    continue
                }
                if GLBWriter.hasShear(inst.transform) {
                    // glTF node matrices must decompose into TRS: bake sheared instances.
                    bakedCount += 1
                    guard let e = encode(MeshKey(mesh: inst.meshID, material: inst.materialID, baked: bakedCount),
                                         baking: inst.transform) else { continue }
                    children.append((e.index, toTile.concatenating(e.dequantize)))
                    continue
                }
                guard let e = encode(MeshKey(mesh: inst.meshID, material: inst.materialID)) else { continue }
                children.append((e.index, toTile.concatenating(inst.transform).concatenating(e.dequantize)))
            }
            if children.isEmpty {
                diagnostics.append(.init(.warning, "glb.product-empty", "product \(p.globalId) has no writable geometry; skipped"))
                continue
            }
            var extras: [(String, GLTFJSON)] = [("globalId", .string(p.globalId)), ("ifcType", .string(p.ifcType))]
            if let n = p.name { extras.append(("name", .string(n))) }
            var fields: [(String, GLTFJSON)] = [("name", .string(p.name ?? p.globalId))]
            if children.count == 1 {
                fields.append(("mesh", .int(children[0].0)))
                fields.append(("matrix", GLBWriter.matrix(children[0].1)))
            } else {
                var kids: [GLTFJSON] = []
                for (mesh, m) in children {
                    nodes.append(.object([("mesh", .int(mesh)), ("matrix", GLBWriter.matrix(m))]))
                    kids.append(.int(nodes.count - 1))
                }
                fields.append(("children", .array(kids)))
            }
            fields.append(("extras", .object(extras)))
            nodes.append(.object(fields))
            productNodes.append(nodes.count - 1)
            written += 1
        }
        // Root: tile offset, then axis conversion.
        var root: [(String, GLTFJSON)] = [("name", .string("IFC")), ("children", .array(productNodes.map { .int($0) }))]
        if options.yUp {
            let s = 0.5.squareRoot()
            root.append(("rotation", .array([.number(-s), .number(0), .number(0), .number(s)])))
        }
        if options.rootTranslation && centre != .zero {
            let t = options.yUp ? Vec3(centre.x, centre.z, -centre.y) : centre
            root.append(("translation", .array([t.x, t.y, t.z].map { .number($0) })))
        }
        root.append(("extras", .object([
            ("tileCentre", .array([centre.x, centre.y, centre.z].map { .number($0) })),
            ("sourceUpAxis", .string("Z")), ("units", .string("m")),
        ])))
        nodes.append(.object(root))
        let rootIndex = nodes.count - 1
        align()

        var json: [(String, GLTFJSON)] = [
            ("asset", .object([("version", .string("2.0")), ("generator", .string("Atrium IFCGeometry"))])),
        ]
        if options.quantize {
            json.append(("extensionsUsed", .array([.string("KHR_mesh_quantization")])))
            json.append(("extensionsRequired", .array([.string("KHR_mesh_quantization")])))
        }
        json.append(("scene", .int(0)))
        json.append(("scenes", .array([.object([("nodes", .array([.int(rootIndex)]))])])))
        json.append(("nodes", .array(nodes)))
        if !meshes.isEmpty {
            json.append(("meshes", .array(meshes)))
            json.append(("materials", .array(materials)))
            json.append(("accessors", .array(accessors)))
            json.append(("bufferViews", .array(bufferViews)))
            json.append(("buffers", .array([.object([("byteLength", .int(bin.count))])])))
        }
        var jsonBytes: [UInt8] = []
        GLTFJSON.object(json).write(into: &jsonBytes)
        while jsonBytes.count % 4 != 0 { jsonBytes.append(0x20) }

        var out: [UInt8] = []
        let total = 12 + 8 + jsonBytes.count + (bin.isEmpty ? 0 : 8 + bin.count)
        out.reserveCapacity(total)
        GLBWriter.appendLE(UInt32(0x4654_6C67), to: &out)  // "glTF"
        GLBWriter.appendLE(UInt32(2), to: &out)
        GLBWriter.appendLE(UInt32(total), to: &out)
        GLBWriter.appendLE(UInt32(jsonBytes.count), to: &out)
        GLBWriter.appendLE(UInt32(0x4E4F_534A), to: &out)  // "JSON"
        out.append(contentsOf: jsonBytes)
        if !bin.isEmpty {
            GLBWriter.appendLE(UInt32(bin.count), to: &out)
            GLBWriter.appendLE(UInt32(0x004E_4942), to: &out)  // "BIN\0"
            out.append(contentsOf: bin)
        }
        return Output(data: out, productCount: written, meshCount: meshes.count, triangleCount: triangles,
                      tileCentre: centre, diagnostics: diagnostics)
    }

    struct MeshKey: Hashable {
        var mesh: Int
        var material: Int?
        /// Non-nil for an instance baked into its own mesh (sheared transform).
        var baked: Int? = nil
    }

    /// True when the linear part's columns are not orthogonal (shear), which a
    /// glTF node matrix may not express.
    static func hasShear(_ t: Transform3D) -> Bool {
        let c = [t.xAxis, t.yAxis, t.zAxis]
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            let l = c[i].length * c[j].length
            if l > 0, abs(c[i].dot(c[j])) > 1e-9 * l { return true }
        }
        return false
    }

    static func matrix(_ t: Transform3D) -> GLTFJSON {
        .array(t.columnMajor.map { .number($0) })
    }

    @inline(__always)
    static func appendLE<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        var x = v.littleEndian
        withUnsafeBytes(of: &x) { out.append(contentsOf: $0) }
    }
}
