import Foundation

/// Reading scenario runs; they change only through a twin transaction (audited).
public protocol ScenarioRepository: Sendable {
    /// Newest first; only active ones when asked.
    func scenarioRuns(buildingID: UUID?, activeOnly: Bool, page: PageRequest, scope: AccessScope) async throws -> Page<ScenarioRun>
    func scenarioRun(id: UUID, scope: AccessScope) async throws -> ScenarioRun?
}
