import IFCSchema

/// Entity indices the semantic queries use constantly, resolved once per model (-1 when the schema lacks one).
struct IFCCommonEntities: Sendable {
    let product, spatialStructureElement, spatialZone, typeObject, relationship: Int
    let relAggregates, relNests, relDefinesByType, relDefinesByProperties, relContained: Int
    let propertySet, elementQuantity, physicalSimpleQuantity, physicalComplexQuantity: Int
    let buildingStorey, project, site, localPlacement, gridPlacement, linearPlacement: Int
    let axis2Placement3D, axis2Placement2D, unitAssignment, siUnit, conversionBasedUnit: Int

    init(schema: IFCSchema) {
        func e(_ n: String) -> Int { schema.entityIndex(named: n) ?? -1 }
        product = e("IfcProduct")
        spatialStructureElement = e("IfcSpatialStructureElement")
        spatialZone = schema.id == .ifc2x3 ? -1 : e("IfcSpatialZone")
        typeObject = e("IfcTypeObject")
        relationship = e("IfcRelationship")
        relAggregates = e("IfcRelAggregates")
        relNests = e("IfcRelNests")
        relDefinesByType = e("IfcRelDefinesByType")
        relDefinesByProperties = e("IfcRelDefinesByProperties")
        relContained = e("IfcRelContainedInSpatialStructure")
        propertySet = e("IfcPropertySet")
        elementQuantity = e("IfcElementQuantity")
        physicalSimpleQuantity = e("IfcPhysicalSimpleQuantity")
        physicalComplexQuantity = e("IfcPhysicalComplexQuantity")
        buildingStorey = e("IfcBuildingStorey")
        project = e("IfcProject")
        site = e("IfcSite")
        localPlacement = e("IfcLocalPlacement")
        gridPlacement = e("IfcGridPlacement")
        linearPlacement = e("IfcLinearPlacement")
        axis2Placement3D = e("IfcAxis2Placement3D")
        axis2Placement2D = e("IfcAxis2Placement2D")
        unitAssignment = e("IfcUnitAssignment")
        siUnit = e("IfcSIUnit")
        conversionBasedUnit = e("IfcConversionBasedUnit")
    }
}
