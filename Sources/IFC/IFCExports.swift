/// IFC's public API is written in STEP's value types (`STEPInstanceID`, `STEPValue`, `STEPDiagnostic`),
/// so clients such as IFCGeometry get them by importing IFC alone instead of depending on the STEP layer.
@_exported import STEP
