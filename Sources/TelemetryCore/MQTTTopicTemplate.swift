import Foundation

/// A pattern for the MQTT topics a point's readings arrive on, such as
/// `dc/{site}/{building}/{asset}/{quantity}`.
///
/// Each level is a literal, a `{variable}`, or one variable with a literal prefix and/or suffix
/// (`sensor-{asset}`, `{rack}_temp`). Variables capture a non-empty level. Templates are validated
/// when made: variable names must be known (``standardVariables`` unless the caller says
/// otherwise) and used once, levels must be non-empty, and literal text must not hold the MQTT
/// wildcards `+`/`#`, braces or NUL.
public struct MQTTTopicTemplate: Sendable, Hashable, CustomStringConvertible {
    enum Level: Sendable, Hashable {
        case literal([UInt8])
        case variable(name: String, prefix: [UInt8], suffix: [UInt8])
    }

    public let template: String
    /// Variable names in order of appearance.
    public let variables: [String]
    /// The filter to subscribe with: each variable level becomes `+`.
    public let subscriptionFilter: String
    let levels: [Level]

    /// Longest topic matched; longer topics are refused without being split.
    public static let maxTopicBytes = 1_024

    public static let standardVariables: Set<String> = [
        "site", "building", "floor", "room", "space", "zone", "system", "rack", "asset", "device", "sensor",
        "point", "key", "quantity", "unit",
    ]

    /// - Parameter allowedVariables: the names a template may use; nil allows any identifier
    ///   (`[A-Za-z_][A-Za-z0-9_]*`).
    public init(_ template: String, allowedVariables: Set<String>? = MQTTTopicTemplate.standardVariables) throws(MQTTTopicTemplateError) {
        let bytes = Array(template.utf8)
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= Self.maxTopicBytes else { throw .tooLong(bytes.count) }
        var levels: [Level] = []
        var names: [String] = []
        var filter: [String] = []
        for (index, segment) in bytes.split(separator: 0x2F, omittingEmptySubsequences: false).enumerated() {
            let text = String(decoding: segment, as: UTF8.self)
            guard !segment.isEmpty else { throw .emptyLevel(index: index) }
            guard !segment.contains(0) else { throw .invalidCharacter(level: text) }
            guard let open = segment.firstIndex(of: 0x7B) else {
                guard !segment.contains(0x7D) else { throw .unbalancedBrace(level: text) }
                guard !segment.contains(0x2B), !segment.contains(0x23) else { throw .wildcardInLiteral(level: text) }
                levels.append(.literal(Array(segment)))
                filter.append(text)
                continue
            }
            guard let close = segment[open...].firstIndex(of: 0x7D) else { throw .unbalancedBrace(level: text) }
            let prefix = Array(segment[..<open])
            let suffix = Array(segment[(close + 1)...])
            let name = Array(segment[(open + 1)..<close])
            for literal in [prefix, suffix] {
                guard !literal.contains(0x7B), !literal.contains(0x7D) else { throw .unbalancedBrace(level: text) }
                guard !literal.contains(0x2B), !literal.contains(0x23) else { throw .wildcardInLiteral(level: text) }
            }
            let nameText = String(decoding: name, as: UTF8.self)
            guard Self.isIdentifier(name) else { throw .invalidVariableName(nameText) }
            if let allowedVariables, !allowedVariables.contains(nameText) { throw .unknownVariable(nameText) }
            guard !names.contains(nameText) else { throw .duplicateVariable(nameText) }
            names.append(nameText)
            levels.append(.variable(name: nameText, prefix: prefix, suffix: suffix))
            filter.append("+")
        }
        self.template = template
        self.levels = levels
        variables = names
        subscriptionFilter = filter.joined(separator: "/")
    }

    static func isIdentifier(_ name: [UInt8]) -> Bool {
        guard let first = name.first, first == 0x5F || JSONTelemetryReader.isLetter(first) else { return false }
        return name.allSatisfy { $0 == 0x5F || JSONTelemetryReader.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    public var description: String { template }

    /// The variables' values if `topic` matches, else nil. Topics that are empty, longer than
    /// ``maxTopicBytes``, not UTF-8, or hold NUL or a wildcard never match.
    public func match(_ topic: String) -> [String: String]? {
        var topic = topic
        return topic.withUTF8 { match(UnsafeRawBufferPointer($0)) }
    }

    public func match(_ topic: some ContiguousBytes) -> [String: String]? {
        topic.withUnsafeBytes { match($0) }
    }

    public func match(_ topic: UnsafeRawBufferPointer) -> [String: String]? {
        let n = topic.count
        guard n > 0, n <= Self.maxTopicBytes else { return nil }
        for b in topic where b == 0 || b == 0x2B || b == 0x23 { return nil }
        guard ByteText.isValidUTF8(topic) else { return nil }
        var captures: [String: String] = [:]
        var start = 0
        for (index, level) in levels.enumerated() {
            guard start <= n else { return nil }
            var stop = start
            while stop < n && topic[stop] != 0x2F { stop += 1 }
            let isLast = index == levels.count - 1
            // The last level must end the topic; others must end at a '/'.
            if isLast ? stop != n : stop == n { return nil }
            let segment = UnsafeRawBufferPointer(rebasing: topic[start..<stop])
            switch level {
            case .literal(let text):
                guard segment.elementsEqual(text) else { return nil }
            case .variable(let name, let prefix, let suffix):
                guard segment.count > prefix.count + suffix.count,
                      segment.prefix(prefix.count).elementsEqual(prefix),
                      segment.suffix(suffix.count).elementsEqual(suffix) else { return nil }
                let value = UnsafeRawBufferPointer(rebasing: segment[(prefix.count)..<(segment.count - suffix.count)])
                captures[name] = String(decoding: value, as: UTF8.self)
            }
            start = stop + 1
        }
        return captures
    }
}
