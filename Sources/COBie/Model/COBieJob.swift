import Foundation

/// A maintenance, safety or operation task for a type, with its duration and frequency.
public struct COBieJob: Sendable, Equatable {
    /// The key other rows refer to (trimmed).
    public var name: String
    /// Email of the contact who created the row.
    public var createdBy: COBieField<String>
    public var createdOn: COBieField<Date>
    public var category: COBieField<COBieCategory>
    public var status: COBieField<String>
    public var typeName: COBieField<String>
    public var duration: COBieField<COBieQuantity>
    public var durationUnit: COBieField<String>
    public var start: COBieField<String>
    public var taskStartUnit: COBieField<String>
    public var frequency: COBieField<COBieQuantity>
    public var frequencyUnit: COBieField<String>
    public var taskNumber: COBieField<String>
    public var priors: COBieField<[String]>
    public var resourceNames: COBieField<[String]>
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
        status: COBieField<String> = .missing,
        typeName: COBieField<String> = .missing,
        duration: COBieField<COBieQuantity> = .missing,
        durationUnit: COBieField<String> = .missing,
        start: COBieField<String> = .missing,
        taskStartUnit: COBieField<String> = .missing,
        frequency: COBieField<COBieQuantity> = .missing,
        frequencyUnit: COBieField<String> = .missing,
        taskNumber: COBieField<String> = .missing,
        priors: COBieField<[String]> = .missing,
        resourceNames: COBieField<[String]> = .missing,
        description: COBieField<String> = .missing,
        external: COBieExternalReference = COBieExternalReference(),
        extraColumns: [String: String] = [:],
        source: COBieSource? = nil
    ) {
        self.name = name
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.category = category
        self.status = status
        self.typeName = typeName
        self.duration = duration
        self.durationUnit = durationUnit
        self.start = start
        self.taskStartUnit = taskStartUnit
        self.frequency = frequency
        self.frequencyUnit = frequencyUnit
        self.taskNumber = taskNumber
        self.priors = priors
        self.resourceNames = resourceNames
        self.description = description
        self.external = external
        self.extraColumns = extraColumns
        self.source = source
    }

    /// Column headers this record reads; any other column becomes an extra attribute.
    static let headers: [String] = ["Name", "CreatedBy", "CreatedOn", "Category", "Status", "TypeName", "Duration", "DurationUnit", "Start", "TaskStartUnit", "Frequency", "FrequencyUnit", "TaskNumber", "Priors", "ResourceNames", "Description", "ExtSystem", "ExtObject", "ExtIdentifier"]

    init(row r: COBieRowReader) {
        self.init(
            name: r.key("Name"),
            createdBy: r.text("CreatedBy"),
            createdOn: r.date("CreatedOn"),
            category: r.category("Category"),
            status: r.text("Status"),
            typeName: r.text("TypeName"),
            duration: r.quantity("Duration", unitColumn: "DurationUnit"),
            durationUnit: r.text("DurationUnit"),
            start: r.text("Start"),
            taskStartUnit: r.text("TaskStartUnit"),
            frequency: r.quantity("Frequency", unitColumn: "FrequencyUnit"),
            frequencyUnit: r.text("FrequencyUnit"),
            taskNumber: r.text("TaskNumber"),
            priors: r.list("Priors"),
            resourceNames: r.list("ResourceNames"),
            description: r.text("Description"),
            external: COBieExternalReference(system: r.text("ExtSystem"), object: r.text("ExtObject"), identifier: r.text("ExtIdentifier")),
            extraColumns: r.extras(),
            source: r.source
        )
    }
}
