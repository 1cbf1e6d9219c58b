/// What a stored binary object is, so listings can ask for one kind.
public enum StoredFileKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The uploaded source (IFC STEP file or COBie workbook), kept byte-identical.
    case original
    /// A binary glTF tile for 3D viewers.
    case glbTile
    /// Anything else derived from a model version (reports, exports).
    case derived
}
