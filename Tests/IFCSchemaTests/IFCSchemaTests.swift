import Testing
@testable import IFCSchema

@Suite struct IFCSchemaTests {
    @Test func entityCountsMatchTheEXPRESSFiles() {
        #expect(IFCSchema.ifc2x3.entities.count == 653)
        #expect(IFCSchema.ifc4.entities.count == 776)
        #expect(IFCSchema.ifc4x3.entities.count == 876)
    }

    @Test func flattenedAttributesIncludeInheritedOnesInOrder() throws {
        let wall = try #require(IFCSchema.ifc4.entity(named: "IFCWALL"))
        #expect(wall.name == "IfcWall")
        #expect(wall.attributes.map(\.name) == [
            "GlobalId", "OwnerHistory", "Name", "Description", "ObjectType", "ObjectPlacement",
            "Representation", "Tag", "PredefinedType",
        ])
        #expect(wall.attributes[5].kind == .entity)
        #expect(wall.attributes[8].kind == .enumeration)
        #expect(wall.attributes[8].isOptional)
        let w2 = try #require(IFCSchema.ifc2x3.entity(named: "IfcWallStandardCase"))
        #expect(w2.attributes.count == 8)
        #expect(IFCSchema.ifc4.attributeIndex("ObjectPlacement", in: wall.index) == 5)
    }

    @Test func rootEntitiesWithoutHeaderClauseKeepTheirFirstAttribute() throws {
        // IFC2X3_TC1.exp writes `ENTITY IfcApplication` with no ';' before the first attribute.
        #expect(IFCSchema.ifc2x3.entity(named: "IFCAPPLICATION")?.attributes.count == 4)
        #expect(IFCSchema.ifc2x3.entity(named: "IFCACTORROLE")?.attributes.first?.name == "Role")
        #expect(IFCSchema.ifc4.entity(named: "IFCAPPLICATION")?.attributes.count == 4)
    }

    @Test func derivedRedeclarationsAreMarked() throws {
        let unit = try #require(IFCSchema.ifc2x3.entity(named: "IFCSIUNIT"))
        #expect(unit.attributes[0].name == "Dimensions")
        #expect(unit.attributes[0].isDerived)
        #expect(!unit.attributes[1].isDerived)
        // IfcNamedUnit itself declares Dimensions explicitly: not derived there.
        let named = try #require(IFCSchema.ifc2x3.entity(named: "IFCNAMEDUNIT"))
        #expect(!named.attributes[0].isDerived)
    }

    @Test func aggregatesCarryTheirElementType() throws {
        let point = try #require(IFCSchema.ifc4.entity(named: "IfcCartesianPoint"))
        #expect(point.attributes[0].aggregateDepth == 1)
        #expect(point.attributes[0].typeName == "IfcLengthMeasure")
        let list = try #require(IFCSchema.ifc4.entity(named: "IfcCartesianPointList3D"))
        #expect(list.attributes[0].aggregateDepth == 2)
    }

    @Test func subtypeChecks() throws {
        let s = IFCSchema.ifc2x3
        #expect(s.isSubtype("IFCWALLSTANDARDCASE", of: "IFCPRODUCT"))
        #expect(s.isSubtype("IFCWALL", of: "IFCWALL"))
        #expect(!s.isSubtype("IFCPRODUCT", of: "IFCWALL"))
        #expect(!s.isSubtype("IFCPROPERTYSET", of: "IFCOBJECT"))
        #expect(IFCSchema.ifc4x3.isSubtype("IFCROAD", of: "IFCFACILITY"))
        #expect(!IFCSchema.ifc4.isSubtype("IFCSPATIALZONE", of: "IFCSPATIALSTRUCTUREELEMENT"))
    }

    @Test func inversesIncludeInheritedOnes() throws {
        let s = IFCSchema.ifc4
        let wall = try #require(s.entityIndex(named: "IFCWALL"))
        let inv = s.inverses(of: wall)
        let defined = try #require(inv.first { $0.name == "IsDefinedBy" })
        #expect(defined.targetEntity == "IfcRelDefinesByProperties")
        #expect(defined.targetAttribute == "RelatedObjects")
        #expect(inv.contains { $0.name == "ContainedInStructure" })
        #expect(defined.aggregate == "SET[0:?]")
    }

    @Test func typesEnumsAndSelects() {
        #expect(IFCSchema.ifc4.enumerations["IfcWallTypeEnum"]?.contains("SHEAR") == true)
        #expect(IFCSchema.ifc4.selects["IfcValue"]?.contains("IfcMeasureValue") == true)
        #expect(IFCSchema.ifc4.definedTypes["IfcLabel"]?.kind == .string)
        #expect(IFCSchema.ifc4.definedTypes["IfcLengthMeasure"]?.kind == .real)
        #expect(IFCSchema.ifc4.definedTypes["IfcCompoundPlaneAngleMeasure"]?.aggregateDepth == 1)
    }

    @Test(arguments: [
        ("IFC2X3", IFCSchemaID.ifc2x3, false), ("IFC4", .ifc4, false), ("IFC4_ADD2", .ifc4, false),
        ("IFC4X3_ADD2", .ifc4x3, false), ("IFC4X3_RC2", .ifc4x3, true), ("IFC4X1", .ifc4x3, true),
        ("IFC2X_FINAL", .ifc2x3, true), ("IFC2X3_FINAL", .ifc2x3, true), ("IFC4RC4", .ifc4, true),
    ])
    func identifierMapping(id: String, expected: IFCSchemaID, warns: Bool) throws {
        let r = try IFCSchema.for(identifier: id)
        #expect(r.schema.id == expected)
        #expect((r.warning != nil) == warns)
    }

    @Test func unknownIdentifierIsAClearError() {
        #expect(throws: IFCSchemaError.unknownSchema("CIS2")) { try IFCSchema.for(identifier: "CIS2") }
    }
}
