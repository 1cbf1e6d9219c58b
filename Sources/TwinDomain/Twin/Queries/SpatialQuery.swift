import Foundation

/// The spatial questions operators ask; coordinates are the building's local metres.
public enum SpatialQuery: Sendable, Hashable {
    /// Assets whose box (or position) lies within `radius` metres of `point`, nearest first.
    case withinDistance(point: Point3D, radius: Double)
    /// Assets whose box meets `box`.
    case insideBox(Box3D)
    /// Assets located in a space (by assignment or by position inside its footprint and height).
    case insideSpace(UUID)
    /// The `limit` assets nearest `point`, nearest first.
    case nearest(point: Point3D, limit: Int)
}
