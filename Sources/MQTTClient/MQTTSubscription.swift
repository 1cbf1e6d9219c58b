/// One topic filter to subscribe to on every (re)connect.
public struct MQTTSubscription: Sendable, Hashable {
    /// Topic filter, wildcards allowed; `$share/<group>/<filter>` joins a shared subscription
    /// whose messages the broker spreads over the group's members.
    public var filter: String
    /// 0, 1 or 2. Atrium ingests at 1: at least once, duplicates are harmless downstream.
    public var qos: Int32

    public init(filter: String, qos: Int32 = 1) {
        self.filter = filter
        self.qos = qos
    }

    /// The same filter as a member of the shared subscription `group`.
    public func shared(group: String) -> MQTTSubscription {
        MQTTSubscription(filter: "$share/\(group)/\(filter)", qos: qos)
    }
}
