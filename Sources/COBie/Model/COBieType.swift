import Foundation

/// A product type: what is installed, who made it, its warranty and expected life.
public struct COBieType: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var assetType: COBieField<String>
    public var manufacturer: COBieField<String>
    public var modelNumber: COBieField<String>
    public var warrantyGuarantorParts: COBieField<String>
    public var warrantyDurationParts: COBieField<COBieQuantity>
    public var warrantyGuarantorLabor: COBieField<String>
    public var warrantyDurationLabor: COBieField<COBieQuantity>
    public var warrantyDurationUnit: COBieField<String>
    public var replacementCost: COBieField<COBieQuantity>
    public var expectedLife: COBieField<COBieQuantity>
    public var durationUnit: COBieField<String>
    public var warrantyDescription: COBieField<String>
    public var nominalLength: COBieField<COBieQuantity>
    public var nominalWidth: COBieField<COBieQuantity>
    public var nominalHeight: COBieField<COBieQuantity>
    public var modelReference: COBieField<String>
    public var shape: COBieField<String>
    public var size: COBieField<String>
    public var color: COBieField<String>
    public var finish: COBieField<String>
    public var grade: COBieField<String>
    public var material: COBieField<String>
    public var constituents: COBieField<String>
    public var features: COBieField<String>
    public var accessibilityPerformance: COBieField<String>
    public var codePerformance: COBieField<String>
    public var sustainabilityPerformance: COBieField<String>
    public var description: COBieField<String>
    /// Identity in the authoring system (ExtSystem/ExtObject/ExtIdentifier).
    public var external: COBieExternalReference
    /// Columns this sheet does not define in COBie 2.4, by header: kept, not dropped.
    public var extraColumns: [String: String]
    /// Sheet and row the record was read from; nil when built from another source (e.g. IFC).
    public var source: COBieSource?

    public init(
        name: String = "",
        createdBy: COBieField<String> = .missing,
        createdOn: COBieField<Date> = .missing,
        category: COBieField<COBieCategory> = .missing,
        assetType: COBieField<String> = .missing,
        manufacturer: COBieField<String> = .missing,
        modelNumber: COBieField<String> = .missing,
        warrantyGuarantorParts: COBieField<String> = .missing,
        warrantyDurationParts: COBieField<COBieQuantity> = .missing,
        warrantyGuarantorLabor: COBieField<String> = .missing,
        warrantyDurationLabor: COBieField<COBieQuantity> = .missing,
        warrantyDurationUnit: COBieField<String> = .missing,
        replacementCost: COBieField<COBieQuantity> = .missing,
        expectedLife: COBieField<COBieQuantity> = .missing,
        durationUnit: COBieField<String> = .missing,
        warrantyDescription: COBieField<String> = .missing,
        nominalLength: COBieField<COBieQuantity> = .missing,
        nominalWidth: COBieField<COBieQuantity> = .missing,
        nominalHeight: COBieField<COBieQuantity> = .missing,
        modelReference: COBieField<String> = .missing,
        shape: COBieField<String> = .missing,
        size: COBieField<String> = .missing,
        color: COBieField<String> = .missing,
        finish: COBieField<String> = .missing,
        grade: COBieField<String> = .missing,
        material: COBieField<String> = .missing,
        constituents: COBieField<String> = .missing,
        features: COBieField<String> = .missing,
        accessibilityPerformance: COBieField<String> = .missing,
        codePerformance: COBieField<String> = .missing,
        sustainabilityPerformance: COBieField<String> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.category = category
        self.assetType = assetType
        self.manufacturer = manufacturer
        self.modelNumber = modelNumber
        self.warrantyGuarantorParts = warrantyGuarantorParts
        self.warrantyDurationParts = warrantyDurationParts
        self.warrantyGuarantorLabor = warrantyGuarantorLabor
        self.warrantyDurationLabor = warrantyDurationLabor
        self.warrantyDurationUnit = warrantyDurationUnit
        self.replacementCost = replacementCost
        self.expectedLife = expectedLife
        self.durationUnit = durationUnit
        self.warrantyDescription = warrantyDescription
        self.nominalLength = nominalLength
        self.nominalWidth = nominalWidth
        self.nominalHeight = nominalHeight
        self.modelReference = modelReference
        self.shape = shape
        self.size = size
        self.color = color
        self.finish = finish
        self.grade = grade
        self.material = material
        self.constituents = constituents
        self.features = features
        self.accessibilityPerformance = accessibilityPerformance
        self.codePerformance = codePerformance
        self.sustainabilityPerformance = sustainabilityPerformance
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Category", "AssetType", "Manufacturer", "ModelNumber", "WarrantyGuarantorParts", "WarrantyDurationParts", "WarrantyGuarantorLabor", "WarrantyDurationLabor", "WarrantyDurationUnit", "ReplacementCost", "ExpectedLife", "DurationUnit", "WarrantyDescription", "NominalLength", "NominalWidth", "NominalHeight", "ModelReference", "Shape", "Size", "Color", "Finish", "Grade", "Material", "Constituents", "Features", "AccessibilityPerformance", "CodePerformance", "SustainabilityPerformance", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            assetType: r.text("AssetType"),
            manufacturer: r.text("Manufacturer"),
            modelNumber: r.text("ModelNumber"),
            warrantyGuarantorParts: r.text("WarrantyGuarantorParts"),
            warrantyDurationParts: r.quantity("WarrantyDurationParts", unitColumn: "WarrantyDurationUnit"),
            warrantyGuarantorLabor: r.text("WarrantyGuarantorLabor"),
            warrantyDurationLabor: r.quantity("WarrantyDurationLabor", unitColumn: "WarrantyDurationUnit"),
            warrantyDurationUnit: r.text("WarrantyDurationUnit"),
            replacementCost: r.quantity("ReplacementCost", unit: r.units.currency),
            expectedLife: r.quantity("ExpectedLife", unitColumn: "DurationUnit"),
            durationUnit: r.text("DurationUnit"),
            warrantyDescription: r.text("WarrantyDescription"),
            nominalLength: r.quantity("NominalLength", unit: r.units.linear),
            nominalWidth: r.quantity("NominalWidth", unit: r.units.linear),
            nominalHeight: r.quantity("NominalHeight", unit: r.units.linear),
            modelReference: r.text("ModelReference"),
            shape: r.text("Shape"),
            size: r.text("Size"),
            color: r.text("Color"),
            finish: r.text("Finish"),
            grade: r.text("Grade"),
            material: r.text("Material"),
            constituents: r.text("Constituents"),
            features: r.text("Features"),
            accessibilityPerformance: r.text("AccessibilityPerformance"),
            codePerformance: r.text("CodePerformance"),
            sustainabilityPerformance: r.text("SustainabilityPerformance"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
