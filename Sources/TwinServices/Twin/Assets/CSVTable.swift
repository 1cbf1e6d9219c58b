import Foundation

/// A small RFC 4180 reader for uploaded tables (the device bulk import): bytes first, bounded in
/// rows, fields and field length, every error at a line and column. Quoted fields may hold commas,
/// `""` and line breaks; CRLF or LF ends a record; a UTF-8 BOM is skipped.
struct CSVTable: Sendable {
    struct Row: Sendable {
        /// 1-based line where the record starts (the header is line 1).
        var line: Int
        var cells: [String]
    }

    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var reason: String
        var description: String { "line \(line), column \(column): \(reason)" }
    }

    var header: [String]
    var rows: [Row]

    static func parse(_ bytes: [UInt8], maxRows: Int = 10_000, maxFields: Int = 32, maxFieldBytes: Int = 4_096) throws(Failure) -> CSVTable {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var records: [Row] = []
        while index < bytes.count {
            let startLine = line
            var cells: [String] = []
            var field: [UInt8] = []
            var column = 1
            var quoted = false
            var atFieldStart = true
            var ended = false
            while index < bytes.count && !ended {
                let byte = bytes[index]
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(byte)
                            index += 2
                            continue
                        }
                        quoted = false
                        index += 1
                        // Only a separator or the end of the record may follow a closing quote.
                        if index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
                            throw Failure(line: line, column: cells.count + 1, reason: "text after a closing quote")
                        }
                        continue
                    }
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                    index += 1
                } else {
                    switch byte {
                    case UInt8(ascii: "\"") where atFieldStart:
                        quoted = true
                        index += 1
                        atFieldStart = false
                        continue
                    case UInt8(ascii: ","):
                        cells.append(try text(field, line: line, column: column))
                        field.removeAll(keepingCapacity: true)
                        column += 1
                        atFieldStart = true
                        index += 1
                        guard cells.count < maxFields else { throw Failure(line: line, column: column, reason: "more than \(maxFields) columns") }
                        continue
                    case UInt8(ascii: "\r"):
                        index += 1
                        continue
                    case UInt8(ascii: "\n"):
                        index += 1
                        line += 1
                        ended = true
                        continue
                    default:
                        field.append(byte)
                        index += 1
                    }
                }
                atFieldStart = false
                guard field.count <= maxFieldBytes else {
                    throw Failure(line: line, column: column, reason: "a field longer than \(maxFieldBytes) bytes")
                }
            }
            if quoted { throw Failure(line: startLine, column: column, reason: "a quote that is never closed") }
            cells.append(try text(field, line: startLine, column: column))
            // Blank lines are skipped.
            if cells.count == 1 && cells[0].isEmpty { continue }
            records.append(Row(line: startLine, cells: cells))
            guard records.count <= maxRows + 1 else { throw Failure(line: startLine, column: 1, reason: "more than \(maxRows) rows") }
        }
        guard let first = records.first else { throw Failure(line: 1, column: 1, reason: "empty: a header row is needed") }
        return CSVTable(header: first.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }, rows: Array(records.dropFirst()))
    }

    static func text(_ bytes: [UInt8], line: Int, column: Int) throws(Failure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(line: line, column: column, reason: "not UTF-8") }
        return text
    }
}
