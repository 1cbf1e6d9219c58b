import Foundation
import TwinServices

/// The twin services the API serves, built by the `atrium` executable (or a test) over
/// concrete stores. Imports and geometry are optional so a deployment (or a test) can run
/// the read/write API without the import worker or the document store.
public struct TwinAPIServices: Sendable {
    public var query: TwinQueryService
    public var assets: AssetService
    public var imports: ImportService?
    public var geometry: GeometryService?
    /// Points, history and latest values; `ingest` adds `POST /v1/readings`.
    public var telemetry: TelemetryService?
    public var ingest: ReadingIngestService?
    /// Alarms, health and alarm rules (both or neither).
    public var alarms: AlarmService?
    public var alarmRules: AlarmRuleService?
    /// Alarm webhooks and their dead letters.
    public var webhooks: WebhookService?
    /// Simulator scenarios (`/v1/scenarios`).
    public var scenarios: ScenarioService?
    /// Capacity planning (`/v1/capacity`).
    public var capacity: CapacityService?
    /// Energy and PUE (`/v1/energy`).
    public var energy: EnergyService?
    /// Devices into racks from CSV (`/v1/device-imports`).
    public var deviceImport: DeviceBulkImport?
    /// Reports (`/v1/reports/{kind}`).
    public var reports: ReportService?
    /// First frames of live subscriptions (latest values, open alarms); without it a subscription
    /// starts with events only.
    public var liveSnapshots: LiveSnapshots?
    /// Ingest bodies held in memory at once, across connections (default 128 MiB: four full batches).
    public var ingestMemoryBytes = 128 << 20
    /// Where uploads are streamed before the import service takes them over (same file
    /// system as the import staging directory, so the hand-over is a rename).
    public var uploadDirectory: URL

    public init(query: TwinQueryService, assets: AssetService, imports: ImportService? = nil, geometry: GeometryService? = nil,
                telemetry: TelemetryService? = nil, ingest: ReadingIngestService? = nil, alarms: AlarmService? = nil,
                alarmRules: AlarmRuleService? = nil, webhooks: WebhookService? = nil, liveSnapshots: LiveSnapshots? = nil,
                uploadDirectory: URL? = nil) {
        self.liveSnapshots = liveSnapshots
        self.webhooks = webhooks
        self.alarms = alarms
        self.alarmRules = alarmRules
        self.telemetry = telemetry
        self.ingest = ingest
        self.query = query
        self.assets = assets
        self.imports = imports
        self.geometry = geometry
        self.uploadDirectory = uploadDirectory
            ?? imports?.settings.stagingDirectory.appendingPathComponent("incoming")
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("atrium-uploads")
    }
}
