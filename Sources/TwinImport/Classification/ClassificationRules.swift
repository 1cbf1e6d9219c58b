import Foundation
import TwinDomain

/// The ordered rules deciding which IFC products and COBie components become which kind of asset.
///
/// The defaults ship as `Resources/classification-rules.json` (readable, documented in the README);
/// an administrator replaces them with a file of the same format (`ATRIUM_CLASSIFICATION_RULES`).
public struct ClassificationRules: Sendable {
    public let rules: [ClassificationRule]
    /// Where the rules came from (`default` or the override file's name), for the import report.
    public let origin: String
    let compiled: [CompiledRule]

    public init(rules: [ClassificationRule], origin: String = "custom") throws(ClassificationRulesError) {
        var problems: [ClassificationRulesError.Problem] = []
        var compiled: [CompiledRule] = []
        var ids = Set<String>()
        for (index, rule) in rules.enumerated() {
            if rule.id.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(.init(index: index, field: "id", message: "must not be empty"))
            } else if !ids.insert(rule.id).inserted {
                problems.append(.init(index: index, field: "id", message: "'\(rule.id)' is used by an earlier rule"))
            }
            if !rule.hasConditions {
                problems.append(.init(index: index, field: nil, message: "states no condition, so it would match everything"))
            }
            for (field, names) in [("ifcClass", rule.ifcClass), ("typeClass", rule.typeClass)] {
                guard let names else { continue }
                if names.isEmpty { problems.append(.init(index: index, field: field, message: "must not be an empty list")) }
                for name in names where !EntityNames.isKnown(name) {
                    problems.append(.init(index: index, field: field, message: "'\(name)' is not an entity of IFC2X3, IFC4 or IFC4X3"))
                }
            }
            for (field, list) in [("predefinedType", rule.predefinedType), ("classification", rule.classification),
                                  ("propertySet", rule.propertySet)] where list?.isEmpty == true {
                problems.append(.init(index: index, field: field, message: "must not be an empty list"))
            }
            var patterns: [String: Regex<AnyRegexOutput>] = [:]
            for (field, pattern) in [("objectType", rule.objectType), ("name", rule.name), ("text", rule.text),
                                     ("cobieCategory", rule.cobieCategory)] {
                guard let pattern else { continue }
                do {
                    let regex = try Regex(pattern)
                    _ = try? regex.firstMatch(in: "")  // lower the program now, before the rules are shared
                    patterns[field] = regex
                } catch {
                    problems.append(.init(index: index, field: field, message: "'\(pattern)' is not a valid regular expression"))
                }
            }
            compiled.append(CompiledRule(rule: rule, patterns: patterns))
        }
        guard problems.isEmpty else { throw ClassificationRulesError(origin: origin, problems: problems) }
        self.rules = rules
        self.origin = origin
        self.compiled = compiled
    }

    /// The first rule matching `subject`, or nil: the object is not an asset (walls, slabs…).
    public func classify(_ subject: ClassificationSubject) -> (kind: AssetKind, ruleID: String)? {
        for rule in compiled where rule.matches(subject) { return (rule.rule.kind, rule.rule.id) }
        return nil
    }
}

/// A rule with its patterns compiled once.
struct CompiledRule: @unchecked Sendable {
    // @unchecked: the standard library makes `Regex` Sendable only for Sendable outputs, and
    // `AnyRegexOutput` holds `Any`. Our regexes are never mutated after `ClassificationRules.init`,
    // which also runs each once so the lazily lowered program exists before the rules are shared;
    // matching only reads it, and the (non-Sendable) match outputs never leave `matches(_:)`.
    let rule: ClassificationRule
    let patterns: [String: Regex<AnyRegexOutput>]

    func matches(_ s: ClassificationSubject) -> Bool {
        if let classes = rule.ifcClass, !Self.chain(s.classChain, containsAnyOf: classes) { return false }
        if let classes = rule.typeClass, !Self.chain(s.typeClassChain, containsAnyOf: classes) { return false }
        if let types = rule.predefinedType {
            guard let p = s.predefinedType, types.contains(where: { $0.caseInsensitiveCompare(p) == .orderedSame }) else { return false }
        }
        if let sets = rule.propertySet, !sets.contains(where: s.propertySetNames.contains) { return false }
        if let prefixes = rule.classification, !prefixes.contains(where: { Self.classification($0, matches: s.classifications) }) {
            return false
        }
        if let r = patterns["objectType"], !Self.search(r, s.objectType) { return false }
        if let r = patterns["name"], !Self.search(r, s.name) { return false }
        if let r = patterns["cobieCategory"], !Self.search(r, s.cobieCategory) { return false }
        if let r = patterns["text"], ![s.name, s.objectType, s.typeName, s.description].contains(where: { Self.search(r, $0) }) {
            return false
        }
        return true
    }

    static func chain(_ chain: [String], containsAnyOf names: [String]) -> Bool {
        names.contains { name in chain.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }
    }

    static func search(_ regex: Regex<AnyRegexOutput>, _ text: String?) -> Bool {
        guard let text, !text.isEmpty else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }

    /// `OmniClass:23-33` matches system OmniClass (case-insensitive, by prefix of the system name so
    /// "OmniClass Table 23" counts) and codes starting with `23-33`; an unqualified prefix matches any system.
    /// Spaces, dots and underscores are ignored when comparing codes (`23-33 15` = `23-33.15`, `Pr_60` = `Pr60`).
    static func classification(_ spec: String, matches refs: [ClassificationSubject.Classification]) -> Bool {
        var system: String?
        var prefix = spec
        if let colon = spec.firstIndex(of: ":") {
            system = String(spec[..<colon]).trimmingCharacters(in: .whitespaces)
            prefix = String(spec[spec.index(after: colon)...])
        }
        let wanted = normalizedCode(prefix)
        guard !wanted.isEmpty else { return false }
        return refs.contains { ref in
            if let system {
                guard let s = ref.system, s.lowercased().hasPrefix(system.lowercased()) else { return false }
            }
            return normalizedCode(ref.code).hasPrefix(wanted)
        }
    }

    static func normalizedCode(_ code: String) -> String {
        String(code.lowercased().filter { $0 != " " && $0 != "." && $0 != "_" })
    }
}
