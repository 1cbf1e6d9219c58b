extension STEPValue {
    /// A typed parameter with a single value is unwrapped by the accessors, because IFC
    /// select-typed attributes (`IFCLABEL('x')`) are read the same as the plain value.
    private var unwrapped: STEPValue {
        if case .typed(_, let inner) = self, inner.count == 1 { return inner[0] }
        return self
    }

    public var asInt: Int? {
        if case .integer(let v) = unwrapped { return v }
        return nil
    }

    /// Integers are accepted too: writers drop the fraction of whole reals inconsistently.
    public var asDouble: Double? {
        switch unwrapped {
        case .real(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }

    public var asString: String? {
        if case .string(let v) = unwrapped { return v }
        return nil
    }

    public var asEnumeration: String? {
        if case .enumeration(let v) = unwrapped { return v }
        return nil
    }

    public var asReference: STEPInstanceID? {
        if case .reference(let v) = unwrapped { return v }
        return nil
    }

    public var asList: [STEPValue]? {
        if case .list(let v) = unwrapped { return v }
        return nil
    }

    public var asBinary: STEPBinary? {
        if case .binary(let v) = unwrapped { return v }
        return nil
    }

    /// `.T.` / `.F.`; `.U.` (unknown LOGICAL) and anything else give nil.
    public var asBool: Bool? {
        if case .enumeration(let v) = unwrapped {
            if v == "T" || v == "TRUE" { return true }
            if v == "F" || v == "FALSE" { return false }
        }
        return nil
    }

    public var isNull: Bool { self == .null }
    public var isDerived: Bool { self == .derived }

    /// Name of a typed parameter (`IFCLABEL` in `IFCLABEL('x')`).
    public var typeName: String? {
        if case .typed(let name, _) = self { return name }
        return nil
    }
}
