/// The objects that can be found by their IFC GlobalId or COBie name.
public enum TwinLookupKind: String, Sendable, Hashable, CaseIterable {
    case building, floor, space, asset
}
