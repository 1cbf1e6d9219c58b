import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which peers may tell Atrium the client's address (`X-Forwarded-For`), and how it is read.
///
/// The login throttle and the audit log key on the client address. Behind a reverse proxy every
/// connection comes from the proxy, so one typo-prone office would share one address with the
/// whole world; but a forwarded header from anyone else is a forgery that would let an attacker
/// pick a fresh address per attempt. So the header is read only when the peer is listed here,
/// and from the right: the client is the last address not itself a trusted proxy.
public struct TrustedProxies: Sendable, Equatable {
    /// One network: address bytes (4 or 16) and prefix length.
    public struct Network: Sendable, Equatable {
        public var address: [UInt8]
        public var prefix: Int

        public func contains(_ bytes: [UInt8]) -> Bool {
            guard bytes.count == address.count else { return false }
            var remaining = prefix
            for index in 0..<bytes.count where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if bytes[index] & mask != address[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    public var networks: [Network]

    public init(networks: [Network] = []) { self.networks = networks }

    /// `10.0.0.0/8, 192.0.2.1, ::1, fd00::/8`.
    public static func parse(_ text: String, variable: String = "ATRIUM_TRUSTED_PROXIES") throws(ConfigurationError) -> TrustedProxies {
        var networks: [Network] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(of: parts[0]) else {
                throw .malformed(variable: variable, reason: "'\(item.prefix(64))' is not an IP address or CIDR network")
            }
            var prefix = bytes.count * 8
            if parts.count == 2 {
                guard let bits = Int(parts[1]), (0...bytes.count * 8).contains(bits) else {
                    throw .malformed(variable: variable, reason: "'\(item.prefix(64))' has a bad prefix length")
                }
                prefix = bits
            }
            networks.append(Network(address: bytes, prefix: prefix))
        }
        return TrustedProxies(networks: networks)
    }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The client's address: the peer's, unless the peer is trusted and forwarded a chain, then
    /// the rightmost forwarded address that is not a trusted proxy (a malformed entry stops the
    /// walk at the last trusted hop, so garbage cannot pick an address).
    public func clientAddress(peer: String?, forwardedFor headers: [String]) -> String? {
        guard let peer, !networks.isEmpty, trusts(peer), !headers.isEmpty else { return peer }
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed().prefix(32) {
            guard Self.bytes(of: hop) != nil else { break }
            client = hop
            if !trusts(hop) { break }
        }
        return client
    }

    /// IPv4 or IPv6 text to bytes, or nil.
    static func bytes(of text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count < 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
