/// Registers every twin controller; one call from `makeRouter`.
struct TwinRoutes {
    let services: TwinAPIServices

    func addRoutes(to routes: SecuredRouter) {
        SpatialStructureController(query: services.query).addRoutes(to: routes)
        AssetController(query: services.query, assets: services.assets).addRoutes(to: routes)
        SpatialQueryController(query: services.query).addRoutes(to: routes)
        ModelController(query: services.query).addRoutes(to: routes)
        if let imports = services.imports {
            ImportController(imports: imports, uploadDirectory: services.uploadDirectory).addRoutes(to: routes)
        }
        if let geometry = services.geometry { GeometryController(geometry: geometry).addRoutes(to: routes) }
        if let alarms = services.alarms, let rules = services.alarmRules {
            AlarmController(alarms: alarms, rules: rules).addRoutes(to: routes)
        }
        if let webhooks = services.webhooks { WebhookController(webhooks: webhooks).addRoutes(to: routes) }
        if let scenarios = services.scenarios { ScenarioController(scenarios: scenarios).addRoutes(to: routes) }
        if let capacity = services.capacity { CapacityController(capacity: capacity).addRoutes(to: routes) }
        if let energy = services.energy { EnergyController(energy: energy).addRoutes(to: routes) }
        if let importer = services.deviceImport { DeviceImportController(importer: importer).addRoutes(to: routes) }
        if let reports = services.reports { ReportController(reports: reports).addRoutes(to: routes) }
        if let telemetry = services.telemetry {
            TelemetryController(telemetry: telemetry, ingest: services.ingest,
                                budget: IngestBodyBudget(limit: services.ingestMemoryBytes)).addRoutes(to: routes)
        }
    }

    /// What an application built from `dependencies` serves, for `/openapi.json`.
    static func features(_ dependencies: APIDependencies) -> Set<APIFeature> {
        var features: Set<APIFeature> = [.core]
        guard dependencies.security != nil else { return features }
        features.insert(.security)
        if dependencies.benchmarkRoutes { features.insert(.benchmark) }
        if let twin = dependencies.twin {
            features.insert(.twin)
            if twin.imports != nil { features.insert(.imports) }
            if twin.geometry != nil { features.insert(.geometry) }
            if twin.telemetry != nil { features.insert(.telemetry) }
            if twin.ingest != nil { features.insert(.ingest) }
            if twin.alarms != nil, twin.alarmRules != nil { features.insert(.alarms) }
            if twin.webhooks != nil { features.insert(.webhooks) }
            if twin.scenarios != nil { features.insert(.scenarios) }
            if twin.capacity != nil { features.insert(.capacity) }
            if twin.energy != nil { features.insert(.energy) }
            if twin.deviceImport != nil { features.insert(.deviceImport) }
            if twin.reports != nil { features.insert(.reports) }
        }
        return features
    }
}
