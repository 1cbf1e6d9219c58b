import Foundation
import STEP
import Testing

@Suite("STEP grammar")
struct GrammarTests {
    @Test func headerIsRead() throws {
        let file = try parseData("#1=IFCPERSON($,$,'x',$,$,$,$,$);")
        #expect(file.errors.isEmpty)
        #expect(file.header.description == ["ViewDefinition [CoordinationView]"])
        #expect(file.header.implementationLevel == "2;1")
        #expect(file.header.name == "t.ifc")
        #expect(file.header.timeStamp == "2024-01-01T00:00:00")
        #expect(file.header.author == ["A"])
        #expect(file.header.organization == ["O"])
        #expect(file.header.preprocessorVersion == "pre")
        #expect(file.header.originatingSystem == "sys")
        #expect(file.header.authorization == "")
        #expect(file.header.schemaIdentifiers == ["IFC4"])
    }

    @Test func scalarKinds() throws {
        let file = try parseData("#7=IFCTEST(12,-3,1.5,-2.E-3,1.,'s',.ELEMENT.,$,*,#42,\"0FF\",.T.,.F.,+4,1E3);")
        #expect(file.errors.isEmpty)
        let a = file.args(7)
        #expect(a == [
            .integer(12), .integer(-3), .real(1.5), .real(-0.002), .real(1.0), .string("s"),
            .enumeration("ELEMENT"), .null, .derived, .reference(STEPInstanceID(42)),
            .binary(STEPBinary(hex: "0FF")), .enumeration("T"), .enumeration("F"), .integer(4), .real(1000),
        ])
        #expect(a[11].asBool == true)
        #expect(a[12].asBool == false)
        #expect(a[0].asDouble == 12)
        #expect(a[9].asReference == STEPInstanceID(42))
        #expect(a[10].asBinary?.bitCount == 8)
        #expect(file.typeName(of: STEPInstanceID(7)) == "IFCTEST")
    }

    @Test func nestedListsAndTypedParameters() throws {
        let file = try parseData("#1=IFCX(((1,2),(3,(4,5))),IFCLABEL('x'),(IFCREAL(1.5),IFCINTEGER(2)),());")
        #expect(file.errors.isEmpty)
        let a = file.args(1)
        #expect(a.count == 4)
        #expect(a[0] == .list([.list([.integer(1), .integer(2)]), .list([.integer(3), .list([.integer(4), .integer(5)])])]))
        #expect(a[1] == .typed("IFCLABEL", [.string("x")]))
        #expect(a[1].asString == "x")
        #expect(a[1].typeName == "IFCLABEL")
        #expect(a[2].asList?.map(\.asDouble) == [1.5, 2])
        #expect(a[3] == .list([]))
    }

    @Test func commentsAnywhere() throws {
        let text = stepText("""
        /* before */ #1 /* a */ = /* b */ IFCX /* c */ ( /* d */ 1 /* e */ , 'a/*b*/c' , /* f */ #2 /* g */ ) /* h */ ;
        #2=IFCY(/* only a comment */);
        """)
        let file = try parse(text)
        #expect(file.errors.isEmpty, "\(file.diagnostics)")
        #expect(file.args(1) == [.integer(1), .string("a/*b*/c"), .reference(STEPInstanceID(2))])
        #expect(file.args(2) == [])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndings(_ eol: String) throws {
        let text = stepText("#1=IFCA(1);\n#2=IFCB('x\ny');\n#3=IFCC(#1,#2);").replacingOccurrences(of: "\n", with: eol)
        let file = try parse(text)
        #expect(file.errors.isEmpty)
        #expect(file.instanceCount == 3)
        #expect(file.line(of: STEPInstanceID(1)) == 8)
        #expect(file.line(of: STEPInstanceID(3)) == 11)
        #expect(file.column(of: STEPInstanceID(3)) == 1)
        #expect(file.args(2) == [.string("x\(eol)y")])
    }

    @Test func complexInstance() throws {
        let file = try parseData("""
        #1=(IFCCONVERSIONBASEDUNIT(#2,.PLANEANGLEUNIT.,'DEGREE',#3)IFCNAMEDUNIT(*,.PLANEANGLEUNIT.));
        #2=IFCDIMENSIONALEXPONENTS(0,0,0,0,0,0,0);
        #3=( IFCA(1) /* x */ IFCB ( 'b' ) );
        """)
        #expect(file.errors.isEmpty, "\(file.diagnostics)")
        let id = STEPInstanceID(1)
        #expect(file.isComplex(id))
        #expect(!file.isComplex(STEPInstanceID(2)))
        #expect(file.typeName(of: id) == "IFCCONVERSIONBASEDUNIT+IFCNAMEDUNIT")
        let args = try #require(file.arguments(of: id))
        #expect(args.isComplex)
        #expect(args.parts.map(\.typeName) == ["IFCCONVERSIONBASEDUNIT", "IFCNAMEDUNIT"])
        #expect(args.part("IFCNAMEDUNIT") == [.derived, .enumeration("PLANEANGLEUNIT")])
        #expect(args.part("IFCCONVERSIONBASEDUNIT")?.count == 4)
        #expect(file.arguments(of: STEPInstanceID(3))?.parts.map(\.arguments) == [[.integer(1)], [.string("b")]])
    }

    @Test func multipleDataSections() throws {
        let text = """
        ISO-10303-21;
        HEADER;
        FILE_DESCRIPTION((''),'2;1');
        FILE_NAME('','',(''),(''),'','','');
        FILE_SCHEMA(('IFC2X3'));
        ENDSEC;
        DATA;
        #1=IFCA(#2);
        ENDSEC;
        DATA('second',('IFC2X3'));
        #2=IFCB(#1);
        ENDSEC;
        END-ISO-10303-21;
        """
        let file = try parse(text)
        #expect(file.errors.isEmpty, "\(file.diagnostics)")
        #expect(file.dataSectionCount == 2)
        #expect(file.instanceCount == 2)
        #expect(file.args(2) == [.reference(STEPInstanceID(1))])
        #expect(file.validateReferences().isEmpty)
    }

    @Test func typeIndex() throws {
        let file = try parseData("#1=IFCA(1);#2=IFCB(2);#3=IFCA(3);#10=ifca(4);")
        #expect(file.entityTypes == ["IFCA", "IFCB"])
        let a = try #require(file.typeCode(named: "IFCA"))
        #expect(file.instances(ofTypeCode: a) == [1, 3, 10].map(STEPInstanceID.init))
        #expect(file.instances(ofType: "IFCB") == [STEPInstanceID(2)])
        #expect(file.instanceCountsByTypeCode() == [3, 1])
        #expect(file.allInstanceIDs == [1, 2, 3, 10].map(STEPInstanceID.init))
        #expect(file.typeCode(of: STEPInstanceID(99)) == nil)
        #expect(file.arguments(of: STEPInstanceID(99)) == nil)
    }

    @Test func ordinalsFollowFileOrder() throws {
        let file = try parseData("#5=IFCA(1);#2=IFCB(2);#9=IFCA(3);")
        #expect(file.instanceIDNumbers == [5, 2, 9])
        #expect(file.ordinal(of: STEPInstanceID(2)) == 1)
        #expect(file.ordinal(of: STEPInstanceID(3)) == nil)
        #expect(file.instanceID(atOrdinal: 2) == STEPInstanceID(9))
        #expect(file.typeCode(atOrdinal: 2) == file.typeCode(of: STEPInstanceID(5)))
        #expect(file.arguments(atOrdinal: 1).values == [.integer(2)])
    }

    @Test func sparseAndUnorderedIDs() throws {
        let file = try parseData("#900000=IFCA(1);#5=IFCB(2);#70000000=IFCC(#5);")
        #expect(file.instanceCount == 3)
        #expect(file.typeName(of: STEPInstanceID(5)) == "IFCB")
        #expect(file.typeName(of: STEPInstanceID(70_000_000)) == "IFCC")
        #expect(file.args(900000) == [.integer(1)])
        let sorted = try parseData("#10=IFCA(1);#5000=IFCB(2);#9000000=IFCC(#5000);")
        #expect(sorted.typeName(of: STEPInstanceID(5000)) == "IFCB")
        #expect(sorted.typeName(of: STEPInstanceID(4999)) == nil)
    }

    /// Dense ids in ascending order use the rank bitmap; gaps across 64-bit words must still map
    /// every present id to its own ordinal and every absent one to nil. The same ids shuffled use
    /// the direct table and must answer alike.
    @Test func denseLookupWithGaps() throws {
        let present = stride(from: 3, through: 400, by: 3).map { $0 } + [401, 402, 403, 520]
        for order in [present, present.reversed()] {
            let file = try parseData(order.map { "#\($0)=IFCA(\($0));" }.joined(separator: "\n"))
            #expect(file.instanceCount == present.count)
            for (k, id) in order.enumerated() {
                #expect(file.ordinal(of: STEPInstanceID(id)) == k)
                #expect(file.args(id) == [.integer(id)])
            }
            for absent in [0, 1, 2, 4, 64, 128, 400, 404, 519, 521, 100_000] {
                #expect(file.ordinal(of: STEPInstanceID(absent)) == nil, "#\(absent)")
            }
        }
    }

    /// Large dense files out of order: a few instances far from their id's position (kept in the
    /// offset table's side map), and ids written in reverse (too many far ones: direct table).
    @Test func largeOutOfOrderIDs() throws {
        let n = 40_000
        var swapped = Array(1...n)
        swapped.swapAt(0, n - 1)
        swapped.swapAt(10, 35_000)
        for order in [swapped, Array((1...n).reversed())] {
            let file = try parseData(order.map { "#\($0)=IFCA(\($0));" }.joined(separator: "\n"))
            #expect(file.instanceCount == n)
            var wrong = 0
            for (k, id) in order.enumerated() where file.ordinal(of: STEPInstanceID(id)) != k { wrong += 1 }
            #expect(wrong == 0)
            #expect(file.args(n) == [.integer(n)])
            #expect(file.ordinal(of: STEPInstanceID(0)) == nil)
            #expect(file.ordinal(of: STEPInstanceID(n + 1)) == nil)
        }
    }

    /// Ids past 2³² switch the id column to 8-byte storage; lookups and ordinals stay exact.
    @Test func idsBeyondThirtyTwoBits() throws {
        let big = 5_000_000_000
        for data in ["#1=IFCA(1);#4294967295=IFCB(2);#\(big)=IFCC(#1);",
                     "#\(big)=IFCC(#1);#1=IFCA(1);#4294967295=IFCB(2);",
                     "#1=IFCA(1);#2=IFCB(2);#\(big)=IFCC(#1);#3=IFCD(3);"] {
            let file = try parseData(data)
            #expect(file.errors.isEmpty, "\(file.diagnostics)")
            #expect(file.typeName(of: STEPInstanceID(big)) == "IFCC")
            #expect(file.args(big) == [.reference(STEPInstanceID(1))])
            #expect(file.typeName(of: STEPInstanceID(big - (1 << 32))) == nil)
            #expect(file.typeName(of: STEPInstanceID(1)) == "IFCA")
            #expect(file.instanceIDNumbers.contains(big))
            for k in 0..<file.instanceCount {
                #expect(file.ordinal(of: file.instanceID(atOrdinal: k)) == k)
            }
        }
        let denseWide = try parseData("#\(big + 1)=IFCA(1);#\(big)=IFCB(#\(big + 1));")
        #expect(denseWide.typeName(of: STEPInstanceID(big)) == "IFCB")
        #expect(denseWide.ordinal(of: STEPInstanceID(big + 1)) == 0)
        #expect(denseWide.validateReferences().isEmpty)
        let edge = try parseData("#4294967295=IFCB(2);#0=IFCA(1);")
        #expect(edge.instanceIDNumbers == [4_294_967_295, 0])
        #expect(edge.typeName(of: STEPInstanceID(4_294_967_295)) == "IFCB")
    }

    @Test func argumentByteRange() throws {
        let text = stepText("#1=IFCA('x)',(1,2));")
        let file = try parse(text)
        let range = try #require(file.argumentByteRange(of: STEPInstanceID(1)))
        #expect(String(decoding: file.bytes[range], as: UTF8.self) == "('x)',(1,2))")
    }

    @Test func argumentCountWithoutDecoding() throws {
        let file = try parseData("""
        #1=IFCA(1,'a,b',(2,3),IFCLABEL('x,y'),/* , */$);
        #2=IFCB();
        #3=IFCC( /* empty */ );
        #4=(IFCD(1,2)IFCE(3));
        #5=IFCF('');
        """)
        #expect(file.argumentCount(of: STEPInstanceID(1)) == 5)
        #expect(file.argumentCount(of: STEPInstanceID(2)) == 0)
        #expect(file.argumentCount(of: STEPInstanceID(3)) == 0)
        #expect(file.argumentCount(of: STEPInstanceID(4)) == 2)
        #expect(file.argumentCount(of: STEPInstanceID(5)) == 1)
        #expect(file.argumentCount(of: STEPInstanceID(6)) == nil)
        for k in 1...5 {
            #expect(file.argumentCount(of: STEPInstanceID(k)) == file.arguments(of: STEPInstanceID(k))?.count)
        }
    }

    @Test func bigIntegersBecomeReals() throws {
        let file = try parseData("#1=IFCA(99999999999999999999,-9223372036854775807);")
        #expect(file.args(1) == [.real(1e20), .integer(-9_223_372_036_854_775_807)])
    }

    @Test func userDefinedEntityAndByteOrderMark() throws {
        let file = try STEPFile(bytes: [0xEF, 0xBB, 0xBF] + Array(stepText("#1=!ACME_THING(1,#1);").utf8))
        #expect(file.errors.isEmpty, "\(file.diagnostics)")
        #expect(file.typeName(of: STEPInstanceID(1)) == "!ACME_THING")
    }

    @Test func headerWithCommentsAndLineBreaksInStrings() throws {
        let text = """
        ISO-10303-21;
        HEADER;
        /* written by hand */
        FILE_DESCRIPTION(
        /* description */ ('ViewDefinition [CoordinationView_V2.0]','line
        two'),
        /* implementation_level */ '2;1');
        FILE_NAME(/* name */ 'a.ifc', '2012-05-31T11:18:08', ('CB'), ('Org'), 'pre', 'sys', '');
        FILE_SCHEMA (('IFC2X3'));
        ENDSEC;
        DATA;
        #1=IFCA(1);
        ENDSEC;
        END-ISO-10303-21;
        """
        let file = try parse(text)
        #expect(file.errors.isEmpty, "\(file.diagnostics)")
        #expect(file.header.description == ["ViewDefinition [CoordinationView_V2.0]", "line\ntwo"])
        #expect(file.header.implementationLevel == "2;1")
        #expect(file.header.schemaIdentifiers == ["IFC2X3"])
        #expect(file.header.entities.map(\.typeName) == ["FILE_DESCRIPTION", "FILE_NAME", "FILE_SCHEMA"])
    }

    @Test func edition3SectionsAreSkipped() throws {
        let text = stepText("#1=IFCA(1);").replacingOccurrences(
            of: "END-ISO-10303-21;", with: "ANCHOR;\n<a> = #1;\nENDSEC;\nEND-ISO-10303-21;")
        let file = try parse(text)
        #expect(file.errors.isEmpty, "\(file.diagnostics)")
        #expect(file.diagnostics.contains { $0.severity == .info && $0.message.contains("ANCHOR") })
        #expect(file.instanceCount == 1)
    }
}
