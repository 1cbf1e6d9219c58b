/// The `atrium ifc inspect --json` document. Field names are a contract shared with
/// ../shared/tools/ifc-reference (IfcOpenShell's view of the same file).
public struct IFCInspectionReport: Codable, Sendable, Equatable {
    public struct Project: Codable, Sendable, Equatable {
        public var id: String?
        public var name: String?
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
        }
    }

    public struct Spatial: Codable, Sendable, Equatable {
        public var id: String?
        public var type: String
        public var name: String?
        public var longName: String?
        public var parent: String?
        /// Only for IfcBuildingStorey (absent otherwise).
        public var elevation: Double?
        public var isStorey: Bool = false

        enum CodingKeys: String, CodingKey { case id, type, name, longName = "long_name", parent, elevation }

        public init(id: String?, type: String, name: String?, longName: String?, parent: String?,
                    elevation: Double?, isStorey: Bool) {
            self.id = id; self.type = type; self.name = name; self.longName = longName
            self.parent = parent; self.elevation = elevation; self.isStorey = isStorey
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            type = try c.decode(String.self, forKey: .type)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            longName = try c.decodeIfPresent(String.self, forKey: .longName)
            parent = try c.decodeIfPresent(String.self, forKey: .parent)
            isStorey = c.contains(.elevation)
            elevation = try c.decodeIfPresent(Double.self, forKey: .elevation)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(type, forKey: .type)
            try c.encode(name, forKey: .name)
            try c.encode(longName, forKey: .longName)
            try c.encode(parent, forKey: .parent)
            if isStorey { try c.encode(elevation, forKey: .elevation) }
        }
    }

    public struct Element: Codable, Sendable, Equatable {
        public var id: String?
        public var type: String
        public var name: String?
        public var predefined: String?
        public var container: String?
        public var typeObject: String?
        public var psets: Int
        public var properties: Int

        enum CodingKeys: String, CodingKey {
            case id, type, name, predefined, container, typeObject = "type_object", psets, properties
        }

        public init(id: String?, type: String, name: String?, predefined: String?, container: String?,
                    typeObject: String?, psets: Int, properties: Int) {
            self.id = id; self.type = type; self.name = name; self.predefined = predefined
            self.container = container; self.typeObject = typeObject; self.psets = psets; self.properties = properties
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(type, forKey: .type)
            try c.encode(name, forKey: .name)
            try c.encode(predefined, forKey: .predefined)
            try c.encode(container, forKey: .container)
            try c.encode(typeObject, forKey: .typeObject)
            try c.encode(psets, forKey: .psets)
            try c.encode(properties, forKey: .properties)
        }
    }

    /// A world origin `[x, y, z]` in metres, or the reason it could not be computed.
    public enum Origin: Codable, Sendable, Equatable {
        case point([Double])
        case error(String)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { self = .error(s) } else { self = .point(try c.decode([Double].self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .point(let p): try c.encode(p)
            case .error(let s): try c.encode(s)
            }
        }
    }

    public struct Diagnostic: Codable, Sendable, Equatable {
        public var severity: String
        public var line: Int
        public var column: Int
        public var message: String
    }

    public var schema: String
    public var instances: Int
    public var counts: [String: Int]
    public var project: Project?
    public var lengthUnitInMetres: Double
    public var spatial: [Spatial]
    public var elements: [Element]
    public var psetTotal: Int
    public var propertyTotal: Int
    public var worldOriginM: [String: Origin]
    public var diagnostics: [Diagnostic]

    enum CodingKeys: String, CodingKey {
        case schema, instances, counts, project, lengthUnitInMetres = "length_unit_in_metres", spatial, elements
        case psetTotal = "pset_total", propertyTotal = "property_total", worldOriginM = "world_origin_m", diagnostics
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(instances, forKey: .instances)
        try c.encode(counts, forKey: .counts)
        try c.encode(project, forKey: .project)
        try c.encode(lengthUnitInMetres, forKey: .lengthUnitInMetres)
        try c.encode(spatial, forKey: .spatial)
        try c.encode(elements, forKey: .elements)
        try c.encode(psetTotal, forKey: .psetTotal)
        try c.encode(propertyTotal, forKey: .propertyTotal)
        try c.encode(worldOriginM, forKey: .worldOriginM)
        try c.encode(diagnostics, forKey: .diagnostics)
    }
}
