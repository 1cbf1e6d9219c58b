import Foundation
import STEP
import Testing

/// Every broken-input case yields a positioned diagnostic and reading carries on.
@Suite("STEP error recovery")
struct ErrorRecoveryTests {
    /// DATA lines start at line 8 in `stepText`.
    private func file(_ data: String) throws -> STEPFile { try parseData(data) }

    private func only(_ file: STEPFile, containing text: String) throws -> STEPDiagnostic {
        let matches = file.diagnostics.filter { $0.message.contains(text) }
        try #require(matches.count == 1, "diagnostics: \(file.diagnostics)")
        return matches[0]
    }

    @Test func missingSemicolon() throws {
        let f = try file("#1=IFCA(1)\n#2=IFCB(2);")
        let d = try only(f, containing: "missing ';' after instance #1")
        #expect(d.severity == .error)
        #expect((d.line, d.column) == (9, 1))
        #expect(f.instanceCount == 2)
        #expect(f.args(2) == [.integer(2)])
    }

    @Test func missingParenAndSemicolon() throws {
        let f = try file("#1=IFCA(1,(2\n#2=IFCB(2);")
        let d = try only(f, containing: "missing ')' and ';'")
        #expect((d.line, d.column) == (9, 1))
        #expect(d.message.contains("#1 skipped"))
        #expect(f.instanceCount == 1)
        #expect(f.typeName(of: STEPInstanceID(2)) == "IFCB")
    }

    @Test func semicolonInsideArguments() throws {
        let f = try file("#1=IFCA(1,2;\n#2=IFCB(2);")
        let d = try only(f, containing: "';' inside an argument list")
        #expect((d.line, d.column) == (8, 12))
        #expect(f.instanceCount == 1)
    }

    @Test func unterminatedStringStopsAtNextInstance() throws {
        let f = try file("#1=IFCA('abc);\n#2=IFCB(2);\n#3=IFCC(3);")
        let d = try only(f, containing: "unterminated string")
        #expect((d.line, d.column) == (8, 9))
        #expect(f.instanceCount == 2)
        #expect(f.args(3) == [.integer(3)])
    }

    @Test func duplicateIDKeepsFirst() throws {
        let f = try file("#1=IFCA(1);\n  #1=IFCB(2);\n#2=IFCC(3);")
        let d = try only(f, containing: "duplicate instance #1")
        #expect((d.line, d.column) == (9, 3))
        #expect(d.instance == STEPInstanceID(1))
        #expect(f.typeName(of: STEPInstanceID(1)) == "IFCA")
        #expect(f.instanceCount == 2)
        #expect(f.typeName(of: STEPInstanceID(2)) == "IFCC")
    }

    @Test func duplicateIDInSparseFile() throws {
        let f = try file("#100000000=IFCA(1);\n#5=IFCX(0);\n#100000000=IFCB(2);")
        let d = try only(f, containing: "duplicate instance #100000000")
        #expect((d.line, d.column) == (10, 1))
        #expect(f.typeName(of: STEPInstanceID(100_000_000)) == "IFCA")
    }

    /// The three lookup paths (dense table, binary search over ascending sparse ids, hash map for
    /// unordered sparse ids) must treat duplicates alike: one positioned error per repeat, the first
    /// definition kept, and every remaining id found at its own ordinal.
    @Test(arguments: [
        ("dense", "#1=IFCA(1);\n#2=IFCB(2);\n #2=IFCC(3);\n#3=IFCD(#2);\n#2=IFCE(4);"),
        ("sparse ascending", "#1=IFCA(1);\n#100000000=IFCB(2);\n #100000000=IFCC(3);\n#200000000=IFCD(#100000000);\n#200000000=IFCE(4);"),
        ("unordered", "#300000000=IFCA(1);\n#100000000=IFCB(2);\n #100000000=IFCC(3);\n#5=IFCD(#100000000);\n#100000000=IFCE(4);"),
    ])
    func duplicateIDsOnEveryLookupPath(layout: String, data: String) throws {
        let f = try file(data)
        let dups = f.diagnostics.filter { $0.message.contains("duplicate instance") }
        try #require(dups.count == 2, "\(layout): \(f.diagnostics)")
        #expect(dups.allSatisfy { $0.severity == .error && $0.message.contains("first definition is kept") })
        #expect((dups[0].line, dups[0].column) == (10, 2), "\(layout)")
        #expect((dups[1].line, dups[1].column) == (12, 1), "\(layout)")
        #expect(f.instanceCount == 3, "\(layout)")
        let ids = f.allInstanceIDs
        #expect(Set(ids).count == ids.count, "\(layout): no id is listed twice")
        let second = ids[1]
        #expect(f.typeName(of: second) == "IFCB", "\(layout): the first definition wins")
        #expect(f.args(second.rawValue) == [.integer(2)], "\(layout)")
        #expect(f.typeName(of: ids[2]) == "IFCD", "\(layout)")
        for k in 0..<f.instanceCount {
            #expect(f.ordinal(of: f.instanceID(atOrdinal: k)) == k, "\(layout): ordinal \(k)")
        }
        #expect(f.validateReferences().isEmpty, "\(layout)")
    }

    /// Many repeats of one id cannot flood the diagnostics: they are capped like any others.
    @Test func duplicateFloodIsCapped() throws {
        let lines = (0..<50).map { "#7=IFCA(\($0));" }.joined(separator: "\n")
        let f = try STEPFile(bytes: Array(stepText(lines).utf8), options: STEPReadOptions(maxDiagnostics: 10))
        #expect(f.instanceCount == 1)
        #expect(f.args(7) == [.integer(0)])
        #expect(f.diagnostics.filter { $0.message.contains("duplicate instance #7") }.count == 10)
        #expect(f.diagnostics.contains { $0.message.contains("39 further diagnostics suppressed") })
    }

    @Test func danglingReference() throws {
        let f = try file("#1=IFCA(#2,(#1,#77));\n#2=IFCB('#99');")
        #expect(f.errors.isEmpty)
        let problems = f.validateReferences()
        try #require(problems.count == 1)
        #expect(problems[0].message.contains("#77"))
        #expect((problems[0].line, problems[0].column) == (8, 16))
        #expect(problems[0].instance == STEPInstanceID(1))
    }

    @Test func garbageBytesAreSkipped() throws {
        var bytes = Array(stepText("#1=IFCA(1);\n@@@ garbage ;\n#2=IFCB(2);").utf8)
        bytes.insert(contentsOf: [0x00, 0xFF, 0x80], at: bytes.firstIndex(of: UInt8(ascii: "@"))!)
        let f = try STEPFile(bytes: bytes)
        let d = try only(f, containing: "unexpected character")
        #expect((d.line, d.column) == (9, 1))
        #expect(d.message.contains("skipped"))
        #expect(f.instanceCount == 2)
    }

    @Test func truncatedFile() throws {
        let text = stepText("#1=IFCA(1);\n#2=IFCB(2,'abc")
        let cut = String(text[..<text.range(of: "'abc")!.upperBound])
        let f = try parse(cut)
        #expect(f.instanceCount == 1)
        let d = try only(f, containing: "unterminated string")
        #expect((d.line, d.column) == (9, 11))
        let endsec = try only(f, containing: "missing 'ENDSEC;'")
        #expect(endsec.line == 9)
        #expect(endsec.byteOffset == cut.utf8.count)
        _ = try only(f, containing: "missing 'END-ISO-10303-21;'")
    }

    @Test func missingEndsecBeforeEnd() throws {
        let text = stepText("#1=IFCA(1);").replacingOccurrences(of: "ENDSEC;\nEND-ISO", with: "END-ISO")
        let f = try parse(text)
        let d = try only(f, containing: "missing 'ENDSEC;' before 'END-ISO-10303-21;'")
        #expect((d.line, d.column) == (9, 1))
        #expect(f.instanceCount == 1)
    }

    @Test func notSTEPAtAll() throws {
        let f = try parse("hello world\nthis is not a step file")
        #expect(f.instanceCount == 0)
        let d = try only(f, containing: "not a STEP file")
        #expect((d.line, d.column) == (1, 1))
        #expect(try parse("").diagnostics.contains { $0.message == "empty input" })
    }

    @Test func badInstanceHeads() throws {
        let f = try file("#=IFCA(1);\n#3 IFCB(2);\n#4=(1);\n#5=IFCE 7;\n#6=IFCF(6);")
        #expect(f.instanceCount == 1)
        #expect(f.typeName(of: STEPInstanceID(6)) == "IFCF")
        let lines = f.errors.map(\.line)
        #expect(lines == [8, 9, 10, 11])
    }

    @Test func deepNestingIsBounded() throws {
        let deep = String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)
        let f = try file("#1=IFCA(\(deep));\n#2=IFCB(1);")
        #expect(f.instanceCount == 2)
        let args = try #require(f.arguments(of: STEPInstanceID(1)))
        #expect(args.diagnostics.contains { $0.message.contains("nesting deeper than 64") })
        #expect(f.args(2) == [.integer(1)])
    }

    @Test func malformedArgumentsDecodeWithDiagnostics() throws {
        let f = try file("#1=IFCA(1 2,@,.X,3);")
        let args = try #require(f.arguments(of: STEPInstanceID(1)))
        #expect(!args.diagnostics.isEmpty)
        #expect(args.diagnostics.allSatisfy { $0.line == 8 })
        #expect(args.values.last == .integer(3))
    }

    @Test func diagnosticCountIsCapped() throws {
        let junk = String(repeating: "#=X;\n", count: 5000)
        let f = try STEPFile(bytes: Array(stepText(junk).utf8), options: STEPReadOptions(maxDiagnostics: 10))
        #expect(f.diagnostics.count == 11)
        #expect(f.diagnostics.last?.message.contains("further diagnostics suppressed") == true)
    }
}
