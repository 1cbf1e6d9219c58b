/// A COBie deliverable as typed records, sheet by sheet. Built from a workbook by `COBieReader`, or
/// by any other source (e.g. COBie-as-IFC) through the public initialisers.
public struct COBieModel: Sendable, Equatable {
    public var contacts: [COBieContact]
    public var facilities: [COBieFacility]
    public var floors: [COBieFloor]
    public var spaces: [COBieSpace]
    public var zones: [COBieZone]
    public var types: [COBieType]
    public var components: [COBieComponent]
    public var systems: [COBieSystem]
    public var assemblies: [COBieAssembly]
    public var connections: [COBieConnection]
    public var spares: [COBieSpare]
    public var resources: [COBieResource]
    public var jobs: [COBieJob]
    public var impacts: [COBieImpact]
    public var documents: [COBieDocument]
    public var attributes: [COBieAttribute]
    public var coordinates: [COBieCoordinate]
    public var issues: [COBieIssueRecord]
    public var pickLists: COBiePickLists

    public init(
        contacts: [COBieContact] = [], facilities: [COBieFacility] = [], floors: [COBieFloor] = [],
        spaces: [COBieSpace] = [], zones: [COBieZone] = [], types: [COBieType] = [],
        components: [COBieComponent] = [], systems: [COBieSystem] = [], assemblies: [COBieAssembly] = [],
        connections: [COBieConnection] = [], spares: [COBieSpare] = [], resources: [COBieResource] = [],
        jobs: [COBieJob] = [], impacts: [COBieImpact] = [], documents: [COBieDocument] = [],
        attributes: [COBieAttribute] = [], coordinates: [COBieCoordinate] = [], issues: [COBieIssueRecord] = [],
        pickLists: COBiePickLists = COBiePickLists()
    ) {
        self.contacts = contacts
        self.facilities = facilities
        self.floors = floors
        self.spaces = spaces
        self.zones = zones
        self.types = types
        self.components = components
        self.systems = systems
        self.assemblies = assemblies
        self.connections = connections
        self.spares = spares
        self.resources = resources
        self.jobs = jobs
        self.impacts = impacts
        self.documents = documents
        self.attributes = attributes
        self.coordinates = coordinates
        self.issues = issues
        self.pickLists = pickLists
    }

    /// The facility-wide units from the first Facility row.
    public var units: COBieUnits {
        guard let facility = facilities.first else { return COBieUnits() }
        return COBieUnits(
            linear: facility.linearUnits.value, area: facility.areaUnits.value,
            volume: facility.volumeUnits.value, currency: facility.currencyUnit.value)
    }
}
