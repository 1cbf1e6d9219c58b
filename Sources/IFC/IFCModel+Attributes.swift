import IFCSchema
import STEP

extension IFCModel {
    /// Attribute of an instance by schema name (`model[id, "Name"]`); nil when the entity has no
    /// such attribute, the id is unknown, or the file wrote fewer arguments.
    public subscript(id: STEPInstanceID, attribute: String) -> STEPValue? {
        guard let e = entityIndex(of: id), let k = schema.attributeIndex(attribute, in: e) else { return nil }
        return file.arguments(of: id)?.value(at: k)
    }

    /// All arguments of an instance (decoded now; keep the result when reading several attributes).
    public func arguments(of id: STEPInstanceID) -> STEPArguments? { file.arguments(of: id) }

    /// Reads several attributes of one instance with a single decode.
    public func attributes(of id: STEPInstanceID, _ names: [String]) -> [STEPValue?] {
        guard let e = entityIndex(of: id), let args = file.arguments(of: id) else {
            return Array(repeating: nil, count: names.count)
        }
        return names.map { n in schema.attributeIndex(n, in: e).flatMap { args.value(at: $0) } }
    }

    public func string(_ id: STEPInstanceID, _ attribute: String) -> String? { self[id, attribute]?.asString }
    public func reference(_ id: STEPInstanceID, _ attribute: String) -> STEPInstanceID? {
        self[id, attribute]?.asReference
    }
    public func double(_ id: STEPInstanceID, _ attribute: String) -> Double? { self[id, attribute]?.asDouble }

    /// GlobalId of a rooted instance.
    public func globalID(of id: STEPInstanceID) -> String? { string(id, "GlobalId") }

    /// True when the instance's entity declares (or inherits) an attribute with this name.
    public func hasAttribute(_ id: STEPInstanceID, _ attribute: String) -> Bool {
        guard let e = entityIndex(of: id) else { return false }
        return schema.attributeIndex(attribute, in: e) != nil
    }
}
