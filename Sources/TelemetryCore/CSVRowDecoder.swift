import Foundation

/// Header and rows on top of ``CSVRecordReader``.
struct CSVRowDecoder {
    var records: CSVRecordReader
    var out: BatchBuilder
    var fields: ReadingFieldParser
    let maxItems: Int
    let maxStringLength: Int
    /// Field index of each role, -1 when absent.
    var columnOf = [Int](repeating: -1, count: CSVColumn.allCases.count)
    var headerCount = 0
    /// Unquoted copies of cells holding `""`.
    let scratch: UnsafeMutablePointer<UInt8>

    init(base: UnsafePointer<UInt8>, count: Int, limits: TelemetryDecodeLimits, out: BatchBuilder) {
        records = CSVRecordReader(base: base, count: count)
        self.out = out
        fields = ReadingFieldParser(limits: limits)
        maxItems = max(limits.maxItems, 0)
        maxStringLength = limits.clampedStringLength
        scratch = .allocate(capacity: maxStringLength + 8)
    }

    func release() { scratch.deallocate() }

    var p: UnsafePointer<UInt8> { records.p }

    mutating func run() throws(DocumentFailure) {
        if records.end >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { records.pos = 3 }
        try readHeader()
        out.batch.readings.reserveCapacity(min(records.end / 80, maxItems) + 1)
        var index = 0
        while !records.atEnd {
            let recordStart = records.pos
            let problem = records.readRecord()
            if problem == nil && isBlank(recordStart) { continue }
            if index >= maxItems {
                throw DocumentFailure(.limitExceeded, at: recordStart, "more than \(maxItems) rows in one batch")
            }
            readRow(index: index, start: recordStart, problem: problem)
            index += 1
        }
    }

    /// A record that is one empty unquoted field: an empty line.
    func isBlank(_ recordStart: Int) -> Bool {
        records.fieldCount == 1 && records.fields[0].start == recordStart && records.fields[0].end == recordStart
            && (recordStart >= records.end || p[recordStart] != 0x22)
    }

    mutating func readHeader() throws(DocumentFailure) {
        var start = records.pos
        var problem: (offset: Int, message: String)?
        repeat {
            guard !records.atEnd else {
                throw DocumentFailure(.invalidHeader, at: records.pos, "empty document; expected a header row")
            }
            start = records.pos
            problem = records.readRecord()
        } while problem == nil && isBlank(start)
        if let problem { throw DocumentFailure(.syntax, at: problem.offset, "header: \(problem.message)") }
        guard records.fieldCount <= CSVRecordReader.maxFields else {
            throw DocumentFailure(.invalidHeader, at: start, "the header has \(records.fieldCount) columns; the limit is \(CSVRecordReader.maxFields)")
        }
        headerCount = records.fieldCount
        for (i, f) in records.fields.enumerated() {
            let name = trimmed(f.start, f.end)
            guard let column = CSVColumn.named(name) else { continue }
            if columnOf[column.rawValue] >= 0 {
                throw DocumentFailure(.invalidHeader, at: f.origin, "column \(column.name) appears more than once")
            }
            columnOf[column.rawValue] = i
        }
        guard columnOf[CSVColumn.value.rawValue] >= 0 else {
            throw DocumentFailure(.invalidHeader, at: start, "the header has no value column")
        }
        guard columnOf[CSVColumn.point.rawValue] >= 0 || columnOf[CSVColumn.key.rawValue] >= 0 else {
            throw DocumentFailure(.invalidHeader, at: start, "the header has no point or key column")
        }
    }

    func trimmed(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        var s = start
        var e = end
        while s < e, p[s] == 0x20 || p[s] == 0x09 { s += 1 }
        while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x09 { e -= 1 }
        return UnsafeRawBufferPointer(start: p + s, count: e - s)
    }

    /// The cell's text: trimmed, with `""` turned into `"` when needed.
    mutating func cell(_ f: CSVField, _ column: CSVColumn) throws(FieldFailure) -> UnsafeRawBufferPointer {
        let t = trimmed(f.start, f.end)
        guard f.hasDoubledQuotes, let base = t.baseAddress else { return t }
        let q = base.assumingMemoryBound(to: UInt8.self)
        var o = 0
        var i = 0
        while i < t.count {
            guard o < maxStringLength else {
                throw FieldFailure(.stringTooLong, "\(column.name) is longer than \(maxStringLength) bytes")
            }
            scratch[o] = q[i]
            o += 1
            i += q[i] == 0x22 && i + 1 < t.count && q[i + 1] == 0x22 ? 2 : 1
        }
        return UnsafeRawBufferPointer(start: scratch, count: o)
    }

    mutating func readRow(index: Int, start: Int, problem: (offset: Int, message: String)?) {
        if let problem {
            out.reject(item: index, at: problem.offset, field: column(containing: problem.offset)?.name,
                       FieldFailure(.syntax, problem.message))
            return
        }
        guard records.fieldCount == headerCount else {
            out.reject(item: index, at: start, field: nil, FieldFailure(.wrongFieldCount,
                "row has \(records.fieldCount) field\(records.fieldCount == 1 ? "" : "s"); the header has \(headerCount)"))
            return
        }
        var current = CSVColumn.value
        var offset = start
        do throws(FieldFailure) {
            var point: UUID?
            var key: String?
            var ts: Int64?
            var unit: String?
            var quality = ReadingQuality.good
            for column in CSVColumn.allCases {
                let i = columnOf[column.rawValue]
                guard i >= 0 else { continue }
                current = column
                offset = records.fields[i].origin
                let text = try cell(records.fields[i], column)
                guard text.count > 0 else { continue }
                switch column {
                case .point: point = try fields.point(text)
                case .key: key = try fields.key(text)
                case .ts: ts = try timestamp(text)
                case .value: break
                case .unit: unit = try fields.unit(text)
                case .quality: quality = try fields.quality(text)
                }
            }
            current = .value
            let valueField = records.fields[columnOf[CSVColumn.value.rawValue]]
            offset = valueField.origin
            let value = try number(cell(valueField, .value))
            offset = start
            let pointKey: PointKey
            if let point {
                current = .key
                guard key == nil else { throw FieldFailure(.conflictingFields, "give either point or key, not both") }
                pointKey = .id(point)
            } else if let key {
                pointKey = .externalKey(key)
            } else {
                current = columnOf[CSVColumn.point.rawValue] >= 0 ? .point : .key
                throw FieldFailure(.missingField, "point or key is empty")
            }
            out.accept(DecodedReading(key: pointKey, timeMicros: ts, value: value, unit: unit, quality: quality))
        } catch {
            out.reject(item: index, at: offset, field: current.name, error)
        }
    }

    func column(containing offset: Int) -> CSVColumn? {
        guard let i = records.fields.lastIndex(where: { $0.origin <= offset }) else { return nil }
        return CSVColumn.allCases.first { columnOf[$0.rawValue] == i }
    }

    mutating func timestamp(_ text: UnsafeRawBufferPointer) throws(FieldFailure) -> Int64 {
        guard let base = text.baseAddress else { return try fields.timestamp(text) }
        let n = DecimalNumber.scan(base.assumingMemoryBound(to: UInt8.self), 0, text.count, lenient: true)
        if n.status != .malformed && n.end == text.count { return try fields.timestamp(n, text: text) }
        return try fields.timestamp(text)
    }

    func number(_ text: UnsafeRawBufferPointer) throws(FieldFailure) -> Double {
        guard let base = text.baseAddress, text.count > 0 else { throw FieldFailure(.missingField, "value is empty") }
        let n = DecimalNumber.scan(base.assumingMemoryBound(to: UInt8.self), 0, text.count, lenient: true)
        if n.end == text.count {
            if n.status == .ok { return n.value }
            if n.status == .outOfRange { throw FieldFailure(.valueOutOfRange, "value \(ByteText.quoted(text)) is too large for a double") }
        }
        if ByteText.equalsFolded(text, "true") { return 1 }
        if ByteText.equalsFolded(text, "false") { return 0 }
        var word = text
        if let first = word.first, first == 0x2D || first == 0x2B { word = UnsafeRawBufferPointer(rebasing: word.dropFirst()) }
        if ByteText.equalsFolded(word, "nan") || ByteText.equalsFolded(word, "inf") || ByteText.equalsFolded(word, "infinity") {
            throw FieldFailure(.nonFiniteValue, "value is not a finite number")
        }
        throw FieldFailure(.invalidValue, "value is not a number: \(ByteText.quoted(text))")
    }
}
