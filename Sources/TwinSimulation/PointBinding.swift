/// A point tied to the model element whose value it reports (`index` into the plant's racks,
/// zones' cooling units, PDUs, UPSs, humidity or leak slots, depending on `role`).
public struct PointBinding: Sendable, Hashable {
    public var role: PointRole
    public var index: Int

    public init(role: PointRole, index: Int) {
        self.role = role
        self.index = index
    }
}
