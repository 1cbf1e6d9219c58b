import IFCSchema

/// IFC entity names known to any supported schema, and class chains for names read from COBie
/// (`ExtObject`), where no model is at hand to ask.
enum EntityNames {
    static func isKnown(_ name: String) -> Bool {
        [IFCSchema.ifc4x3, .ifc4, .ifc2x3].contains { $0.entityIndex(named: name) != nil }
    }

    /// `name` and its supertypes in the first schema that knows it (IFC4X3, IFC4, IFC2X3), schema spelling.
    static func chain(of name: String) -> [String] {
        for schema in [IFCSchema.ifc4x3, .ifc4, .ifc2x3] {
            if let index = schema.entityIndex(named: name) { return chain(of: index, in: schema) }
        }
        return []
    }

    static func chain(of index: Int, in schema: IFCSchema) -> [String] {
        var out: [String] = []
        var cursor: Int? = index
        while let c = cursor, out.count < 32 {
            out.append(schema.entities[c].name)
            cursor = schema.entities[c].supertype
        }
        return out
    }
}
