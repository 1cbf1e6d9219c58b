/// One decoded parameter of an instance (ISO 10303-21 §12.2).
///
/// An enum rather than a class hierarchy so decoded arguments are plain values that can
/// cross concurrency domains and be compared in tests.
public enum STEPValue: Sendable, Equatable {
    case integer(Int)
    case real(Double)
    case string(String)
    /// `.NAME.` as written, without the dots (also `.T.`, `.F.`, `.U.`).
    case enumeration(String)
    case binary(STEPBinary)
    case reference(STEPInstanceID)
    case list([STEPValue])
    /// A typed parameter such as `IFCLABEL('x')`; the name is uppercase as written.
    case typed(String, [STEPValue])
    /// `$`: value not provided.
    case null
    /// `*`: value derived by the schema (redeclared attribute).
    case derived
}
