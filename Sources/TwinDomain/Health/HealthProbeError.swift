/// Why a probe failed, phrased for operators; never carries driver error text.
public enum HealthProbeError: Error, Sendable, Equatable {
    case timedOut(Duration)
    case unreachable
}
