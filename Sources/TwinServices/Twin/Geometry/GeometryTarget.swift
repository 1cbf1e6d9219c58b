import Foundation
import TwinDomain

/// What a viewer asks geometry for.
public enum GeometryTarget: Sendable, Hashable {
    /// The stored storey tile.
    case floor(UUID)
    /// The room and what it contains.
    case space(UUID)
    /// One asset (a rack with the devices mounted in it).
    case asset(UUID)
    /// The whole building, or only what meets `bbox` (building coordinates, metres).
    case building(UUID, bbox: Box3D?)
}
