/// Normalized keys of every header name the reader and validator ask for, computed once, so that
/// looking up a column per cell is a dictionary hit rather than a string normalization.
enum COBieKnownHeaders {
    static let normalized: [String: String] = {
        var names: [String] = []
        names += COBieContact.headers + COBieFacility.headers + COBieFloor.headers + COBieSpace.headers
        names += COBieZone.headers + COBieType.headers + COBieComponent.headers + COBieSystem.headers
        names += COBieAssembly.headers + COBieConnection.headers + COBieSpare.headers + COBieResource.headers
        names += COBieJob.headers + COBieImpact.headers + COBieDocument.headers + COBieAttribute.headers
        names += COBieCoordinate.headers + COBieIssueRecord.headers
        names += ["Email", "Name", "Description", "ExtSystem", "ExtObject", "ExtIdentifier", "ExternalSystem",
                  "ExternalObject", "ExternalIdentifier", "WarrantyDurationUnit", "DurationUnit", "FrequencyUnit",
                  "ImpactUnit"]
        for rules in COBieSheetRules.all {
            names += rules.key + rules.required + rules.numbers + rules.dates + rules.pickLists.map(\.column)
        }
        var result: [String: String] = [:]
        for name in names { result[name] = COBieSheetTable.normalize(name) }
        return result
    }()
}
