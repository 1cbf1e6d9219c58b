/// A classification as COBie writes it, "23-13 11 11: Boilers": the code identifies the class in the
/// table (OmniClass, Uniclass), the description is for people. Plain text without a code keeps only
/// the description.
public struct COBieCategory: Sendable, Equatable, Hashable {
    public var text: String
    public var code: String?
    public var description: String?

    public init(text: String, code: String?, description: String?) {
        self.text = text
        self.code = code
        self.description = description
    }

    /// Splits at the first colon (or " - " when there is none) when the part before it looks like a
    /// classification code (contains a digit).
    public init(parsing text: String) {
        self.text = text
        var separator = text.range(of: ":")
        if separator == nil, let dash = text.range(of: " - ") { separator = dash }
        if let separator {
            let code = COBieText.trim(String(text[..<separator.lowerBound]))
            let description = COBieText.trim(String(text[separator.upperBound...]))
            if !code.isEmpty, code.contains(where: \.isNumber) {
                self.code = code
                self.description = description.isEmpty ? nil : description
                return
            }
        }
        self.code = nil
        self.description = text
    }
}
