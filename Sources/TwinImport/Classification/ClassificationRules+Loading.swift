import Foundation
import TwinDomain

extension ClassificationRules {
    /// The rules shipped with Atrium (`Resources/classification-rules.json`).
    ///
    /// The file is part of the build and a test loads it, so failing here is a packaging bug, not
    /// bad input: it stops the process rather than silently classifying nothing.
    public static var `default`: ClassificationRules {
        guard let url = Bundle.module.url(forResource: "classification-rules", withExtension: "json") else {
            preconditionFailure("TwinImport resource classification-rules.json is missing from the bundle")
        }
        do { return try load(from: url, origin: "default") } catch {
            preconditionFailure("bundled classification rules are invalid: \(error)")
        }
    }

    /// Reads an administrator's rules file; every problem is reported with its rule index and field.
    public static func load(from url: URL) throws(ClassificationRulesError) -> ClassificationRules {
        try load(from: url, origin: url.lastPathComponent)
    }

    static func load(from url: URL, origin: String) throws(ClassificationRulesError) -> ClassificationRules {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ClassificationRulesError(origin: origin, problems: [.init(index: nil, field: nil, message: "the file cannot be read")])
        }
        return try decode(data, origin: origin)
    }

    static let ruleFields: Set<String> = [
        "id", "kind", "ifcClass", "typeClass", "predefinedType", "objectType", "name", "text", "classification",
        "cobieCategory", "propertySet", "description",
    ]

    /// Parses the JSON by hand rather than with `Codable`, so a mistake names its rule and field
    /// (and unknown fields, usually typos, are errors instead of being ignored).
    public static func decode(_ data: Data, origin: String = "custom") throws(ClassificationRulesError) -> ClassificationRules {
        func fail(_ problems: [ClassificationRulesError.Problem]) -> ClassificationRulesError {
            ClassificationRulesError(origin: origin, problems: problems)
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail([.init(index: nil, field: nil, message: "not a JSON object")])
        }
        if let version = root["version"], (version as? Int) != 1 {
            throw fail([.init(index: nil, field: "version", message: "unsupported version (expected 1)")])
        }
        guard let list = root["rules"] as? [Any] else {
            throw fail([.init(index: nil, field: "rules", message: "missing or not an array")])
        }
        guard !list.isEmpty else { throw fail([.init(index: nil, field: "rules", message: "must hold at least one rule")]) }
        var problems: [ClassificationRulesError.Problem] = []
        var rules: [ClassificationRule] = []
        for (index, item) in list.enumerated() {
            guard let object = item as? [String: Any] else {
                problems.append(.init(index: index, field: nil, message: "not a JSON object"))
                continue
            }
            for key in object.keys.sorted() where !ruleFields.contains(key) {
                problems.append(.init(index: index, field: key, message: "unknown field"))
            }
            func string(_ field: String, required: Bool = false) -> String? {
                guard let value = object[field] else {
                    if required { problems.append(.init(index: index, field: field, message: "is required")) }
                    return nil
                }
                guard let s = value as? String else {
                    problems.append(.init(index: index, field: field, message: "must be a string"))
                    return nil
                }
                return s
            }
            func strings(_ field: String) -> [String]? {
                guard let value = object[field] else { return nil }
                if let s = value as? String { return [s] }
                guard let list = value as? [Any], let strings = list as? [String] else {
                    problems.append(.init(index: index, field: field, message: "must be a string or an array of strings"))
                    return nil
                }
                return strings
            }
            let id = string("id", required: true) ?? ""
            let kindText = string("kind", required: true)
            var kind = AssetKind.equipment
            if let kindText {
                if let k = AssetKind(rawValue: kindText) { kind = k } else {
                    let allowed = AssetKind.allCases.map(\.rawValue).joined(separator: ", ")
                    problems.append(.init(index: index, field: "kind", message: "'\(kindText)' is not one of \(allowed)"))
                }
            }
            rules.append(ClassificationRule(
                id: id, kind: kind, ifcClass: strings("ifcClass"), typeClass: strings("typeClass"),
                predefinedType: strings("predefinedType"), objectType: string("objectType"), name: string("name"),
                text: string("text"), classification: strings("classification"), cobieCategory: string("cobieCategory"),
                propertySet: strings("propertySet"), description: string("description")))
        }
        let built: ClassificationRules
        do { built = try ClassificationRules(rules: rules, origin: origin) } catch {
            // Field-type problems and semantic ones together, in rule order (stable within a rule).
            let all = (problems + error.problems).enumerated().sorted {
                (($0.element.index ?? -1), $0.offset) < (($1.element.index ?? -1), $1.offset)
            }.map(\.element)
            throw fail(all)
        }
        guard problems.isEmpty else { throw fail(problems) }
        return built
    }
}
