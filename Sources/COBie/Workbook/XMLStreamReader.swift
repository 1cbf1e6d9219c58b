import CLibXML2
import Foundation

/// A thin pull reader over libxml2's `xmlTextReader`, so that a 50 MB sheet is walked node by node and
/// never built into a DOM.
///
/// Safety settings: no network (`XML_PARSE_NONET`), no DTD loading or entity substitution (neither
/// `XML_PARSE_DTDLOAD` nor `XML_PARSE_NOENT`), libxml2's built-in size guards kept on (no
/// `XML_PARSE_HUGE`), and any DOCTYPE or entity-reference node aborts the parse. Every walk is bounded by
/// `maxNodes`.
///
/// Not `Sendable`: one reader lives inside one `withReader` call on one thread.
final class XMLStreamReader {
    private let reader: xmlTextReaderPtr
    let part: String
    private let maxNodes: Int
    private var nodesVisited = 0

    private init(reader: xmlTextReaderPtr, part: String, maxNodes: Int) {
        self.reader = reader
        self.part = part
        self.maxNodes = maxNodes
    }

    deinit { xmlFreeTextReader(reader) }

    /// Parser options: see the type's documentation for why each is (not) set.
    static var parseOptions: Int32 {
        Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)
    }

    /// Runs `body` with a reader over `bytes`; the bytes stay alive (libxml2 does not copy them) for the
    /// duration of the call only.
    static func withReader<R>(
        _ bytes: Data, part: String, maxNodes: Int, _ body: (XMLStreamReader) throws -> R
    ) throws -> R {
        _ = LibXML2Initialization.done
        guard bytes.count < Int(Int32.max) else {
            throw COBieReadError.limitExceeded(limit: "part size", part: part, detail: "\(bytes.count) bytes")
        }
        return try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> R in
            let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            var empty: CChar = 0
            let pointer = base ?? withUnsafeMutablePointer(to: &empty) { UnsafePointer($0) }
            guard let r = xmlReaderForMemory(pointer, Int32(raw.count), part, nil, parseOptions) else {
                throw COBieReadError.malformedXML(part: part, line: 1, column: 1, message: "cannot start the XML parser")
            }
            let reader = XMLStreamReader(reader: r, part: part, maxNodes: maxNodes)
            return try body(reader)
        }
    }

    // MARK: Walking

    /// Advances to the next node; false at the end of the document.
    func next() throws -> Bool {
        nodesVisited += 1
        if nodesVisited > maxNodes {
            throw COBieReadError.limitExceeded(
                limit: "XML nodes per part", part: part, detail: "more than \(maxNodes) nodes")
        }
        let status = xmlTextReaderRead(reader)
        if status == 1 {
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                throw COBieReadError.forbiddenXMLConstruct(part: part, line: line, construct: "a DOCTYPE declaration")
            }
            if type == Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)
                || type == Int32(XML_READER_TYPE_ENTITY.rawValue) {
                throw COBieReadError.forbiddenXMLConstruct(part: part, line: line, construct: "an entity reference")
            }
            return true
        }
        if status == 0 { return false }
        throw COBieReadError.malformedXML(part: part, line: line, column: column, message: lastErrorMessage())
    }

    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    var column: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }

    private func lastErrorMessage() -> String {
        if let error = xmlGetLastError(), let message = error.pointee.message {
            let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { return text }
        }
        return "parse error"
    }

    var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    var isStartElement: Bool { nodeType == Int32(XML_READER_TYPE_ELEMENT.rawValue) }
    var isEndElement: Bool { nodeType == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) }
    /// True for `<x/>`, which has no matching end-element node.
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var depth: Int32 { xmlTextReaderDepth(reader) }
    var isText: Bool {
        let type = nodeType
        return type == Int32(XML_READER_TYPE_TEXT.rawValue) || type == Int32(XML_READER_TYPE_CDATA.rawValue)
            || type == Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue)
            || type == Int32(XML_READER_TYPE_WHITESPACE.rawValue)
    }

    /// Compares the current node's local name (namespace prefix ignored) with `name`.
    func localNameIs(_ name: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return strcmp(UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    var localName: String {
        guard let local = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: local)
    }

    /// Text of the current text node.
    var value: String {
        guard let value = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: value)
    }

    /// Calls `body` with each attribute's local name and value pointers; the pointers are only valid
    /// during the call.
    func forEachAttribute(_ body: (UnsafePointer<CChar>, UnsafePointer<CChar>) -> Void) {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        var guardCount = 0
        var status = xmlTextReaderMoveToFirstAttribute(reader)
        while status == 1, guardCount < 10_000 {
            guardCount += 1
            if let name = xmlTextReaderConstLocalName(reader), let value = xmlTextReaderConstValue(reader) {
                body(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
                     UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
            }
            status = xmlTextReaderMoveToNextAttribute(reader)
        }
        _ = xmlTextReaderMoveToElement(reader)
    }

    /// The value of the attribute whose local name is `name`, if any.
    func attribute(_ name: StaticString) -> String? {
        var found: String?
        forEachAttribute { local, value in
            if found == nil, XMLStreamReader.equals(local, name) { found = String(cString: value) }
        }
        return found
    }

    static func equals(_ pointer: UnsafePointer<CChar>, _ name: StaticString) -> Bool {
        strcmp(pointer, UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// Concatenated text inside the current element (all descendants), leaving the reader on its end
    /// node. Returns "" for an empty element.
    func elementText() throws -> String {
        if isEmptyElement { return "" }
        let startDepth = depth
        var text = ""
        while try next() {
            if isText {
                text += value
            } else if isEndElement, depth == startDepth {
                break
            }
        }
        return text
    }

    /// Skips the current element and its content.
    func skipElement() throws {
        if isEmptyElement { return }
        let startDepth = depth
        while try next() {
            if isEndElement, depth == startDepth { return }
        }
    }
}

/// libxml2 must be initialised once before concurrent use; a lazily initialised static gives that
/// exactly-once guarantee without a global.
enum LibXML2Initialization {
    static let done: Bool = {
        xmlInitParser()
        return true
    }()
}
