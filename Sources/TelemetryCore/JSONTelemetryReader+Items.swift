/// Reading items, and the document shapes of each JSON-based format.
extension JSONTelemetryReader {
    /// Which field a key names (`external_key` is `key`); keys are compared as bytes.
    @inline(__always)
    mutating func classify(_ start: Int, _ stop: Int, escaped: Bool) -> ItemField {
        let k: UnsafeRawBufferPointer
        if escaped {
            guard let unescaped = try? stringBytes(start, stop, escaped: true, field: "field name") else { return .other }
            k = unescaped
        } else {
            k = raw(start, stop)
        }
        let field: ItemField
        switch k.count {
        case 2: field = ByteText.bytesEqual(k, "ts") ? .ts : .other
        case 3: field = ByteText.bytesEqual(k, "key") ? .key : .other
        case 4: field = ByteText.bytesEqual(k, "unit") ? .unit : .other
        case 5: field = ByteText.bytesEqual(k, "value") ? .value : ByteText.bytesEqual(k, "point") ? .point : .other
        case 7: field = ByteText.bytesEqual(k, "quality") ? .quality : .other
        case 12: field = ByteText.bytesEqual(k, "external_key") ? .key : .other
        default: field = .other
        }
        if fixedKey != nil && (field == .point || field == .key) { return .other }
        return field
    }

    /// Reads the object at `pos` (which is `{`) as one reading. Semantic problems become the
    /// outcome; only syntax breaks (and nesting) throw.
    mutating func readItem(depth: Int) throws(DocumentFailure) -> ItemOutcome {
        try enter(depth)
        let itemStart = pos
        pos += 1
        skipWhitespace()
        var draft = ItemDraft()
        var failure: FieldFailure?
        var failureOffset = 0
        var failureField: String?
        if byte(pos) == 0x7D {
            pos += 1
        } else {
            while true {
                guard byte(pos) == 0x22 else { throw unexpected("a field name in double quotes") }
                let k = try scanString()
                skipWhitespace()
                guard byte(pos) == 0x3A else { throw unexpected("':'") }
                pos += 1
                skipWhitespace()
                let field = classify(k.start, k.end, escaped: k.escaped)
                let valueStart = pos
                let value = try readValue(depth: depth + 1)
                if field != .other && failure == nil {
                    do throws(FieldFailure) {
                        guard draft.seen & field.rawValue == 0 else {
                            throw FieldFailure(.duplicateField, "\(field.name) is given more than once")
                        }
                        draft.seen |= field.rawValue
                        try interpret(field, value, valueEnd: pos, into: &draft)
                    } catch {
                        failure = error
                        failureOffset = valueStart
                        failureField = field.name
                    }
                }
                skipWhitespace()
                if try afterMember(closer: 0x7D, "',' or '}' after a field") { break }
            }
        }
        if let failure { return .failure(failure, offset: failureOffset, field: failureField) }
        guard draft.seen & ItemField.value.rawValue != 0 else {
            return .failure(FieldFailure(.missingField, "value is missing"), offset: itemStart, field: "value")
        }
        let key: PointKey
        if let fixedKey {
            key = fixedKey
        } else if let id = draft.point {
            guard draft.key == nil else {
                return .failure(FieldFailure(.conflictingFields, "give either point or key, not both"), offset: itemStart, field: "key")
            }
            key = .id(id)
        } else if let k = draft.key {
            key = .externalKey(k)
        } else {
            return .failure(FieldFailure(.missingField, "point (a UUID) or key is missing"), offset: itemStart, field: "point")
        }
        return .reading(DecodedReading(key: key, timeMicros: draft.ts, value: draft.value, unit: draft.unit, quality: draft.quality))
    }

    @inline(__always)
    mutating func interpret(_ field: ItemField, _ value: JSONValue, valueEnd: Int, into d: inout ItemDraft) throws(FieldFailure) {
        switch field {
        case .value:
            d.value = try numericValue(value, valueEnd: valueEnd)
        case .ts:
            switch value {
            case .string(let s, let e, let escaped):
                d.ts = try fields.timestamp(stringBytes(s, e, escaped: escaped, field: "ts"))
            case .number(let n, let start):
                d.ts = try fields.timestamp(n, text: raw(start, valueEnd))
            case .null:
                d.ts = nil
            case .nonFinite:
                throw FieldFailure(.invalidTimestamp, "ts is not a finite number")
            default:
                throw FieldFailure(.invalidTimestamp, "ts must be an RFC 3339 string or a number (seconds, milliseconds or microseconds), not \(value.kindDescription)")
            }
        case .point:
            guard case .string(let s, let e, let escaped) = value else {
                throw FieldFailure(.invalidPoint, "point must be a UUID string, not \(value.kindDescription)")
            }
            d.point = try fields.point(stringBytes(s, e, escaped: escaped, field: "point"))
        case .key:
            guard case .string(let s, let e, let escaped) = value else {
                throw FieldFailure(.invalidKey, "key must be a string, not \(value.kindDescription)")
            }
            d.key = try fields.key(stringBytes(s, e, escaped: escaped, field: "key"))
        case .unit:
            switch value {
            case .string(let s, let e, let escaped):
                d.unit = try fields.unit(stringBytes(s, e, escaped: escaped, field: "unit"))
            case .null:
                d.unit = nil
            default:
                throw FieldFailure(.invalidUnit, "unit must be a string, not \(value.kindDescription)")
            }
        case .quality:
            switch value {
            case .string(let s, let e, let escaped):
                d.quality = try fields.quality(stringBytes(s, e, escaped: escaped, field: "quality"))
            case .null:
                d.quality = .good
            default:
                throw FieldFailure(.invalidQuality, "quality must be a string, not \(value.kindDescription)")
            }
        case .other:
            break
        }
    }

    /// A reading's value: a finite number, or true/false as 1/0.
    @inline(__always)
    mutating func numericValue(_ value: JSONValue, valueEnd: Int) throws(FieldFailure) -> Double {
        switch value {
        case .number(let n, let start):
            guard n.status == .ok else {
                throw FieldFailure(.valueOutOfRange, "value \(ByteText.quoted(raw(start, valueEnd))) is too large for a double")
            }
            return n.value
        case .bool(let b):
            return b ? 1 : 0
        case .nonFinite:
            throw FieldFailure(.nonFiniteValue, "value is not a finite number")
        case .string(let s, let e, _):
            throw FieldFailure(.invalidValue, "value must be a JSON number, not the string \(ByteText.quoted(raw(s, e)))")
        case .null:
            throw FieldFailure(.invalidValue, "value is null")
        case .object, .array:
            throw FieldFailure(.invalidValue, "value must be a number, not \(value.kindDescription)")
        }
    }

    @inline(__always)
    mutating func record(_ outcome: ItemOutcome, item: Int) {
        switch outcome {
        case .reading(let r): out.accept(r)
        case .failure(let f, let offset, let field): out.reject(item: item, at: offset, field: field, f)
        }
    }

    // MARK: Document shapes

    /// `{"readings":[…]}` or `[…]`, nothing after it.
    mutating func readBatchDocument() throws(DocumentFailure) {
        skipByteOrderMark()
        skipWhitespace()
        switch byte(pos) {
        case 0x5B:
            try readItemArray(depth: 1)
        case 0x7B:
            try readEnvelope()
        default:
            if pos >= end {
                throw DocumentFailure(.syntax, at: pos, "empty document; expected {\"readings\":[…]} or an array of readings")
            }
            throw DocumentFailure(.syntax, at: pos, "expected {\"readings\":[…]} or an array of readings, found \(Self.describe(p[pos]))")
        }
        skipWhitespace()
        if pos < end { throw DocumentFailure(.syntax, at: pos, "unexpected \(Self.describe(p[pos])) after the end of the document") }
    }

    mutating func readEnvelope() throws(DocumentFailure) {
        try enter(1)
        let open = pos
        pos += 1
        skipWhitespace()
        var found = false
        if byte(pos) == 0x7D {
            pos += 1
        } else {
            while true {
                guard byte(pos) == 0x22 else { throw unexpected("a field name in double quotes") }
                let keyStart = pos
                let k = try scanString()
                skipWhitespace()
                guard byte(pos) == 0x3A else { throw unexpected("':'") }
                pos += 1
                skipWhitespace()
                if !k.escaped && ByteText.bytesEqual(raw(k.start, k.end), "readings") {
                    if found { throw DocumentFailure(.duplicateField, at: keyStart, "\"readings\" is given more than once") }
                    found = true
                    guard byte(pos) == 0x5B else {
                        throw DocumentFailure(.syntax, at: pos, "\"readings\" must be an array")
                    }
                    try readItemArray(depth: 2)
                } else {
                    _ = try readValue(depth: 2)
                }
                skipWhitespace()
                if try afterMember(closer: 0x7D, "',' or '}'") { break }
            }
        }
        if !found { throw DocumentFailure(.missingField, at: open, "the object has no \"readings\" array") }
    }

    mutating func readItemArray(depth: Int) throws(DocumentFailure) {
        try enter(depth)
        pos += 1
        skipWhitespace()
        if byte(pos) == 0x5D {
            pos += 1
            return
        }
        var index = 0
        while true {
            if index >= maxItems {
                throw DocumentFailure(.limitExceeded, at: pos, "more than \(maxItems) items in one batch")
            }
            if byte(pos) == 0x7B {
                record(try readItem(depth: depth + 1), item: index)
            } else {
                let at = pos
                let v = try readValue(depth: depth + 1)
                out.reject(item: index, at: at, field: nil, FieldFailure(.notAnObject, "item is \(v.kindDescription), not an object"))
            }
            index += 1
            skipWhitespace()
            if try afterMember(closer: 0x5D, "',' or ']' after an item") { return }
        }
    }
}
