import Foundation

extension IFCInspectionReport {
    /// The report as a JSON document (same shape as `Codable` encoding, written without JSONEncoder).
    public func jsonData() -> Data {
        // Sized from the parts (elements ~250 bytes, origins ~90, diagnostics ~150) so the buffer
        // is not regrown by doubling, which would briefly hold two large copies.
        var w = IFCJSONWriter(capacity: 256 * (elements.count + spatial.count) + 96 * worldOriginM.count
                                  + 192 * diagnostics.count + 64 * counts.count + 4096)
        w.beginObject()
        w.key("schema"); w.string(schema)
        w.key("instances"); w.int(instances)
        w.key("counts"); w.beginObject()
        for (k, v) in counts.sorted(by: { $0.key < $1.key }) { w.key(k); w.int(v) }
        w.endObject()
        w.key("project")
        if let project {
            w.beginObject(); w.key("id"); w.string(project.id); w.key("name"); w.string(project.name); w.endObject()
        } else {
            w.null()
        }
        w.key("length_unit_in_metres"); w.double(lengthUnitInMetres)
        w.key("spatial"); w.beginArray()
        for s in spatial {
            w.beginObject()
            w.key("id"); w.string(s.id)
            w.key("type"); w.string(s.type)
            w.key("name"); w.string(s.name)
            w.key("long_name"); w.string(s.longName)
            w.key("parent"); w.string(s.parent)
            if s.isStorey { w.key("elevation"); w.double(s.elevation) }
            w.endObject()
        }
        w.endArray()
        w.key("elements"); w.beginArray()
        for e in elements {
            w.beginObject()
            w.key("id"); w.string(e.id)
            w.key("type"); w.string(e.type)
            w.key("name"); w.string(e.name)
            w.key("predefined"); w.string(e.predefined)
            w.key("container"); w.string(e.container)
            w.key("type_object"); w.string(e.typeObject)
            w.key("psets"); w.int(e.psets)
            w.key("properties"); w.int(e.properties)
            w.endObject()
        }
        w.endArray()
        w.key("pset_total"); w.int(psetTotal)
        w.key("property_total"); w.int(propertyTotal)
        w.key("world_origin_m"); w.beginObject()
        for (k, v) in worldOriginM.sorted(by: { $0.key < $1.key }) {
            w.key(k)
            switch v {
            case .point(let p):
                w.beginArray(); for x in p { w.double(x) }; w.endArray()
            case .error(let message):
                w.string(message)
            }
        }
        w.endObject()
        w.key("diagnostics"); w.beginArray()
        for d in diagnostics {
            w.beginObject()
            w.key("severity"); w.string(d.severity)
            w.key("line"); w.int(d.line)
            w.key("column"); w.int(d.column)
            w.key("message"); w.string(d.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return Data(w.bytes)
    }
}
