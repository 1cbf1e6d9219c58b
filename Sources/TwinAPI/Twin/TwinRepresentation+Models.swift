import Foundation
import TwinDomain

extension TwinRepresentation {
    static func model(_ m: TwinModel) -> JSONValue {
        .object([("id", .uuid(m.id)), ("site_id", .uuid(m.siteID)), ("name", .string(m.name)),
                 ("format", .string(m.format.rawValue)), ("project_key", .string(m.projectKey)),
                 ("active_version", .integer(m.activeVersion)), ("created_at", .date(m.createdAt)),
                 ("updated_at", .date(m.updatedAt))])
    }

    static func counts(_ c: [String: Int]) -> JSONValue { .object(c.keys.sorted().map { ($0, .int(c[$0]!)) }) }

    static func version(_ v: ModelVersion) -> JSONValue {
        .object([("model_id", .uuid(v.modelID)), ("site_id", .uuid(v.siteID)), ("number", .int(v.number)),
                 ("job_id", .uuid(v.jobID)), ("source_file_name", .string(v.sourceFileName)),
                 ("source_sha256", .string(v.sourceSHA256)), ("source_size", .int(Int(v.sourceSize))),
                 ("schema", .string(v.schema)), ("original_file_id", .text(v.originalFileID)),
                 ("counts", counts(v.counts)), ("diff_summary", counts(v.diffSummary)),
                 ("imported_by", .text(v.importedBy)), ("imported_at", .date(v.importedAt))])
    }

    static func diffEntry(_ e: DiffEntry) -> JSONValue {
        .object([("match_key", .string(e.matchKey)), ("entity_type", .string(e.entityType)), ("name", .text(e.name)),
                 ("aspects", .array(e.aspects.map { .string($0.rawValue) }))])
    }

    static func diff(_ d: ModelDiff) -> JSONValue {
        .object([("model_id", .uuid(d.modelID)), ("from_version", .int(d.fromVersion)), ("to_version", .int(d.toVersion)),
                 ("summary", counts(d.summary)), ("added", .array(d.added.map(diffEntry))),
                 ("removed", .array(d.removed.map(diffEntry))), ("changed", .array(d.changed.map(diffEntry)))])
    }

    static func job(_ j: ImportJob) -> JSONValue {
        .object([("id", .uuid(j.id)), ("status", .string(j.status.rawValue)), ("phase", .string(j.phase.rawValue)),
                 ("percent", .int(j.percent)), ("file_name", .string(j.fileName)), ("format", .text(j.format?.rawValue)),
                 ("size_bytes", .int(Int(j.sizeBytes))), ("site_id", .uuid(j.siteID)), ("model_id", .uuid(j.modelID)),
                 ("version_number", .integer(j.versionNumber)),
                 ("messages", .array(j.messages.map { m in
                     .object([("severity", .string(m.severity.rawValue)), ("message", .string(m.message)),
                              ("location", .text(m.location)), ("code", .text(m.code))])
                 })),
                 ("warning_count", .int(j.warningCount)), ("error_code", .text(j.errorCode)),
                 ("created_by", .text(j.createdBy)), ("created_at", .date(j.createdAt)), ("updated_at", .date(j.updatedAt)),
                 ("finished_at", .date(j.finishedAt))])
    }

    static func entityDocument(_ d: EntityDocument) -> JSONValue {
        .object([("model_id", .uuid(d.key.modelID)), ("version", .int(d.key.version)), ("global_id", .string(d.globalID)),
                 ("ifc_type", .string(d.ifcType)), ("name", .text(d.name)), ("attributes", properties(d.attributes)),
                 ("property_sets", .object(d.propertySets.keys.sorted().map { ($0, properties(d.propertySets[$0]!)) })),
                 ("classifications", .array(d.classifications.map(document))), ("relations", properties(d.relations))])
    }
}
