import Foundation
import TwinDomain

/// An accepted upload waiting for the pipeline: the job plus what the job row does not keep
/// (the submitter, for the commit's re-checked authorization and audit row).
public struct ImportWorkItem: Sendable {
    public var job: ImportJob
    public var upload: StagedUpload
    public var principal: Principal
    public var context: AuditContext

    public init(job: ImportJob, upload: StagedUpload, principal: Principal, context: AuditContext) {
        self.job = job
        self.upload = upload
        self.principal = principal
        self.context = context
    }
}
