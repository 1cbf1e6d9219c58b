/// What COBie 2.4 demands of one sheet: its identifying columns, required columns, typed columns,
/// pick-list-bound columns and references to other sheets.
struct COBieSheetRules: Sendable {
    enum Reference: Sendable {
        /// The column names rows of `sheet` (by their key); `list` when it may hold several names.
        case names(column: String, sheet: String, list: Bool)
        /// `sheetColumn` names a sheet; each of `rowColumns` names a row of that sheet.
        case sheetRow(sheetColumn: String, rowColumns: [String], list: Bool)
    }

    var sheet: String
    /// Columns that together identify a row (duplicates are errors).
    var key: [String]
    var required: [String]
    var numbers: [String] = []
    var dates: [String] = ["CreatedOn"]
    /// Column → PickLists list name it must come from.
    var pickLists: [(column: String, list: String)] = []
    var references: [Reference] = []
    /// Core sheets whose absence is worth a warning.
    var core = false

    /// COBie 2.4 (US, also read for UK 2012/2014 workbooks) rules.
    static let all: [COBieSheetRules] = [
        COBieSheetRules(
            sheet: "Contact", key: ["Email"],
            required: ["Email", "CreatedBy", "CreatedOn", "Category", "Company", "Phone"],
            pickLists: [("Category", "Category-Role")], core: true),
        COBieSheetRules(
            sheet: "Facility", key: ["Name"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "ProjectName", "SiteName", "LinearUnits",
                       "AreaUnits", "VolumeUnits", "CurrencyUnit", "AreaMeasurement"],
            pickLists: [("Category", "Category-Facility"), ("LinearUnits", "LinearUnit"), ("AreaUnits", "AreaUnit"),
                        ("VolumeUnits", "VolumeUnit"), ("CurrencyUnit", "CostUnit")],
            core: true),
        COBieSheetRules(
            sheet: "Floor", key: ["Name"], required: ["Name", "CreatedBy", "CreatedOn", "Category"],
            numbers: ["Elevation", "Height"], pickLists: [("Category", "FloorType")], core: true),
        COBieSheetRules(
            sheet: "Space", key: ["Name"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "FloorName", "Description"],
            numbers: ["UsableHeight", "GrossArea", "NetArea"], pickLists: [("Category", "Category-Space")],
            references: [.names(column: "FloorName", sheet: "Floor", list: false)], core: true),
        COBieSheetRules(
            sheet: "Zone", key: ["Name", "Category", "SpaceNames"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "SpaceNames"],
            pickLists: [("Category", "ZoneType")],
            references: [.names(column: "SpaceNames", sheet: "Space", list: true)]),
        COBieSheetRules(
            sheet: "Type", key: ["Name"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "Description", "AssetType"],
            numbers: ["WarrantyDurationParts", "WarrantyDurationLabor", "ReplacementCost", "ExpectedLife",
                      "NominalLength", "NominalWidth", "NominalHeight"],
            pickLists: [("Category", "Category-Product"), ("AssetType", "AssetType"),
                        ("WarrantyDurationUnit", "DurationUnit"), ("DurationUnit", "DurationUnit")],
            references: [.names(column: "Manufacturer", sheet: "Contact", list: false),
                         .names(column: "WarrantyGuarantorParts", sheet: "Contact", list: false),
                         .names(column: "WarrantyGuarantorLabor", sheet: "Contact", list: false)],
            core: true),
        COBieSheetRules(
            sheet: "Component", key: ["Name"],
            required: ["Name", "CreatedBy", "CreatedOn", "TypeName", "Space", "Description"],
            dates: ["CreatedOn", "InstallationDate", "WarrantyStartDate"],
            references: [.names(column: "TypeName", sheet: "Type", list: false),
                         .names(column: "Space", sheet: "Space", list: true)],
            core: true),
        COBieSheetRules(
            sheet: "System", key: ["Name", "Category", "ComponentNames"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "ComponentNames"],
            pickLists: [("Category", "Category-Element")],
            references: [.names(column: "ComponentNames", sheet: "Component", list: true)]),
        COBieSheetRules(
            sheet: "Assembly", key: ["Name", "SheetName", "ParentName"],
            required: ["Name", "CreatedBy", "CreatedOn", "SheetName", "ParentName", "ChildNames"],
            pickLists: [("SheetName", "SheetType"), ("AssemblyType", "AssemblyType")],
            references: [.sheetRow(sheetColumn: "SheetName", rowColumns: ["ParentName"], list: false),
                         .sheetRow(sheetColumn: "SheetName", rowColumns: ["ChildNames"], list: true)]),
        COBieSheetRules(
            sheet: "Connection", key: ["Name", "RowName1", "RowName2"],
            required: ["Name", "CreatedBy", "CreatedOn", "ConnectionType", "SheetName", "RowName1", "RowName2"],
            pickLists: [("ConnectionType", "ConnectionType"), ("SheetName", "SheetType")],
            references: [.sheetRow(sheetColumn: "SheetName", rowColumns: ["RowName1", "RowName2"], list: false)]),
        COBieSheetRules(
            sheet: "Spare", key: ["Name", "Category", "TypeName"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "TypeName", "Suppliers"],
            pickLists: [("Category", "SpareType")],
            references: [.names(column: "TypeName", sheet: "Type", list: false),
                         .names(column: "Suppliers", sheet: "Contact", list: true)]),
        COBieSheetRules(
            sheet: "Resource", key: ["Name"], required: ["Name", "CreatedBy", "CreatedOn", "Category"],
            pickLists: [("Category", "ResourceType")]),
        COBieSheetRules(
            sheet: "Job", key: ["Name", "TypeName", "TaskNumber"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "Status", "TypeName", "Description",
                       "Duration", "DurationUnit", "Start", "TaskStartUnit", "Frequency", "FrequencyUnit"],
            numbers: ["Duration", "Frequency"],
            pickLists: [("Category", "JobType"), ("Status", "JobStatusType"), ("DurationUnit", "DurationUnit"),
                        ("TaskStartUnit", "DurationUnit"), ("FrequencyUnit", "DurationUnit")],
            references: [.names(column: "TypeName", sheet: "Type", list: false),
                         .names(column: "ResourceNames", sheet: "Resource", list: true)]),
        COBieSheetRules(
            sheet: "Impact", key: ["Name", "ImpactStage", "SheetName", "RowName"],
            required: ["Name", "CreatedBy", "CreatedOn", "ImpactType", "ImpactStage", "SheetName", "RowName",
                       "Value", "ImpactUnit"],
            numbers: ["Value", "LeadInTime", "Duration", "LeadOutTime"],
            pickLists: [("ImpactType", "ImpactType"), ("ImpactStage", "ImpactStage"), ("ImpactUnit", "ImpactUnit"),
                        ("SheetName", "SheetType")],
            references: [.sheetRow(sheetColumn: "SheetName", rowColumns: ["RowName"], list: false)]),
        COBieSheetRules(
            sheet: "Document", key: ["Name", "Stage", "SheetName", "RowName"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "ApprovalBy", "Stage", "SheetName", "RowName",
                       "Directory", "File"],
            pickLists: [("Category", "DocumentType"), ("ApprovalBy", "ApprovalBy"), ("Stage", "StageType"),
                        ("SheetName", "SheetType")],
            references: [.sheetRow(sheetColumn: "SheetName", rowColumns: ["RowName"], list: false)]),
        COBieSheetRules(
            sheet: "Attribute", key: ["Name", "SheetName", "RowName"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "SheetName", "RowName", "Value"],
            pickLists: [("SheetName", "SheetType")],
            references: [.sheetRow(sheetColumn: "SheetName", rowColumns: ["RowName"], list: false)]),
        COBieSheetRules(
            sheet: "Coordinate", key: ["Name", "Category", "SheetName", "RowName"],
            required: ["Name", "CreatedBy", "CreatedOn", "Category", "SheetName", "RowName", "CoordinateXAxis",
                       "CoordinateYAxis", "CoordinateZAxis"],
            numbers: ["CoordinateXAxis", "CoordinateYAxis", "CoordinateZAxis", "ClockwiseRotation",
                      "ElevationalRotation", "YawRotation"],
            pickLists: [("Category", "CoordinateType"), ("SheetName", "CoordinateSheet")],
            references: [.sheetRow(sheetColumn: "SheetName", rowColumns: ["RowName"], list: false)]),
        COBieSheetRules(
            sheet: "Issue", key: ["Name", "SheetName1", "RowName1"],
            required: ["Name", "CreatedBy", "CreatedOn", "Type", "Risk", "Chance", "Impact", "SheetName1",
                       "RowName1", "Description", "Owner", "Mitigation"],
            pickLists: [("Type", "IssueCategory"), ("Risk", "IssueRisk"), ("Chance", "IssueChance"),
                        ("Impact", "IssueImpact"), ("SheetName1", "SheetType"), ("SheetName2", "SheetType")],
            references: [.sheetRow(sheetColumn: "SheetName1", rowColumns: ["RowName1"], list: false),
                         .sheetRow(sheetColumn: "SheetName2", rowColumns: ["RowName2"], list: false),
                         .names(column: "Owner", sheet: "Contact", list: false)]),
    ]
}
