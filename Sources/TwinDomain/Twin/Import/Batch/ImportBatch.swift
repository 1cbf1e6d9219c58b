/// Everything one upload says about a facility, in Atrium's terms, before it has identities.
///
/// Drafts refer to each other by `key` (the source's ``SourceReference/matchKey``), never by
/// database id: the store resolves keys against the model's previous version so re-imported
/// objects keep their ids. The importer builds this; the store commits it in one transaction.
public struct ImportBatch: Sendable, Hashable {
    public var format: ImportFormat
    /// FILE_SCHEMA or `COBie 2.4`.
    public var schema: String
    /// IfcProject GlobalId or COBie Facility name: how a re-import finds its model.
    public var projectKey: String
    public var projectName: String?
    public var site: SiteDraft
    public var buildings: [BuildingDraft]
    public var floors: [FloorDraft]
    public var spaces: [SpaceDraft]
    public var zones: [ZoneDraft]
    public var systems: [SystemDraft]
    public var types: [AssetTypeDraft]
    public var assets: [AssetDraft]
    /// Every entity that gets a BIM document, for the version diff.
    public var fingerprints: [EntityFingerprint]
    /// Counts by IFC type / COBie sheet, for the version record and checks against `ifc inspect`.
    public var sourceCounts: [String: Int]
    public var messages: [ImportMessage]

    public init(format: ImportFormat, schema: String, projectKey: String, projectName: String? = nil,
                site: SiteDraft, buildings: [BuildingDraft] = [], floors: [FloorDraft] = [],
                spaces: [SpaceDraft] = [], zones: [ZoneDraft] = [], systems: [SystemDraft] = [],
                types: [AssetTypeDraft] = [], assets: [AssetDraft] = [], fingerprints: [EntityFingerprint] = [],
                sourceCounts: [String: Int] = [:], messages: [ImportMessage] = []) {
        self.format = format
        self.schema = schema
        self.projectKey = projectKey
        self.projectName = projectName
        self.site = site
        self.buildings = buildings
        self.floors = floors
        self.spaces = spaces
        self.zones = zones
        self.systems = systems
        self.types = types
        self.assets = assets
        self.fingerprints = fingerprints
        self.sourceCounts = sourceCounts
        self.messages = messages
    }

    /// Counts by twin kind, as stored on the version.
    public var counts: [String: Int] {
        var counts = [
            "buildings": buildings.count, "floors": floors.count, "spaces": spaces.count,
            "zones": zones.count, "systems": systems.count, "asset_types": types.count, "assets": assets.count,
        ]
        for kind in AssetKind.allCases {
            counts["assets.\(kind.rawValue)"] = assets.lazy.filter { $0.kind == kind }.count
        }
        return counts
    }
}
