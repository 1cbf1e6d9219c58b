import TelemetryCore
import TwinDomain

extension APICatalog {
    static var telemetry: [APIOperation] {
        let quantities = Quantity.allCases.map(\.rawValue)
        let pointBody = APISchema.object([
            ("site_id", .uuid), ("asset_id", .uuid), ("space_id", .uuid), ("sensor_asset_id", .uuid), ("external_key", .string()),
            ("topic", .string()), ("name", .string()), ("quantity", .enumeration(quantities)), ("unit", .string()),
            ("expected_interval_s", .number), ("valid_min", .number), ("valid_max", .number),
            ("thresholds", .object([("warn_low", .number), ("warn_high", .number), ("alarm_low", .number), ("alarm_high", .number)])),
        ], required: ["name", "quantity"])
        let latest = APISchema.object([("items", .array(.object([
            ("point_id", .uuid), ("name", .string()), ("quantity", .string()), ("unit", .string()), ("asset_id", .uuid),
            ("space_id", .uuid), ("value", .number), ("time", .dateTime), ("quality", .string()),
        ])))])
        let series = APISchema.object([
            ("point_id", .uuid), ("quantity", .string()), ("unit", .string()), ("interval", .string()), ("aggregate", .string()),
            ("from", .dateTime), ("to", .dateTime),
            ("samples", .array(.object([("time", .dateTime), ("value", .number), ("count", .integer())]))),
        ])
        let report = APISchema.object([
            ("items", .integer()), ("accepted", .integer()), ("refused", .integer()),
            ("refusals", .array(.object([("item", .integer()), ("code", .string()), ("message", .string()), ("line", .integer()),
                                          ("column", .integer()), ("field", .string())]))),
        ])
        let filters: [P] = [
            query("site", .uuid, "Only this site."), query("asset", .uuid, "Points of this asset (isPointOf)."),
            query("space", .uuid, "Points located in this space (hasLocation)."), query("floor", .uuid, "Points on this floor."),
            query("quantity", .enumeration(quantities), "Only this quantity."),
            query("include_retired", .boolean, "Also retired points (default false)."),
        ]
        var operations: [APIOperation] = [
            twinList("/v1/points", "Points (measured quantities) in scope.", "Point", fields: TwinFields.point, tag: "Telemetry",
                     filters: filters),
            twinObject("/v1/points/{id}", "One point.", "Point", fields: TwinFields.point, tag: "Telemetry"),
            APIOperation(method: "post", path: "/v1/points", summary: "Create a point (audited as point.create).", tag: "Telemetry",
                         access: .requires(.assetsWrite), feature: .telemetry,
                         body: APIOperation.Body(contentTypes: [("application/json", pointBody)], description: "The point."),
                         replies: [json("201", "Created; `Location` is the point.", .ref("Point"), headers: ["Location"]),
                                   problem("409", "A live point of the site already has that external_key or topic."),
                                   problem("422", "Not a valid point (unknown quantity or unit, unit of another dimension, bad range)."),
                                   notFound]),
            APIOperation(method: "get", path: "/v1/points/{id}/readings",
                         summary: "History: raw readings, or 1m/5m/1h/1d buckets from the rollups; JSON or CSV.", tag: "Telemetry",
                         access: .requires(.assetsRead), feature: .telemetry,
                         parameters: [id("id", "point"), query("from", .string(), "RFC 3339 or Unix seconds (default: to − 24 h)."),
                                      query("to", .string(), "RFC 3339 or Unix seconds (default: now)."),
                                      query("interval", .enumeration(ReadingSeriesQuery.Interval.allCases.map(\.rawValue)), "Bucket width (default raw)."),
                                      query("agg", .enumeration(["avg", "min", "max", "last", "count"]), "Aggregate of a bucket (default avg)."),
                                      query("limit", .integer(minimum: 1, maximum: 1_000_000), "At most this many samples (default 100000)."),
                                      query("format", .enumeration(["json", "csv"]), "Or send `Accept: text/csv`.")],
                         replies: [R(status: "200", description: "Samples in time order (`time` is the bucket start).",
                                     contentTypes: [("application/json", series), ("text/csv", .string())]),
                                   badParameter, notFound]),
            APIOperation(method: "get", path: "/v1/assets/{id}/telemetry", summary: "Latest value of each of an asset's points.",
                         tag: "Telemetry", access: .requires(.assetsRead), feature: .telemetry, parameters: [id("id", "asset")],
                         replies: [json("200", "One item per live point.", latest), notFound]),
            APIOperation(method: "get", path: "/v1/floors/{id}/telemetry", summary: "Latest value of every point on a floor (overlays).",
                         tag: "Telemetry", access: .requires(.assetsRead), feature: .telemetry, parameters: [id("id", "floor")],
                         replies: [json("200", "One item per live point.", latest), notFound]),
        ]
        operations = operations.map { operation in
            var operation = operation
            operation.feature = .telemetry
            return operation
        }
        operations.append(APIOperation(
            method: "post", path: "/v1/readings",
            summary: "Ingest a batch (JSON, NDJSON or CSV); 202 once every accepted reading is durable in the spool.", tag: "Telemetry",
            access: .requires(.readingsIngest), feature: .ingest,
            body: APIOperation.Body(contentTypes: [("application/json", .any), ("application/x-ndjson", .string()), ("text/csv", .string())],
                                    description: "Items `{point|key, ts, value, unit, quality}`; CSV with a header naming those columns."),
            replies: [json("202", "Durable; `refusals` lists every refused item and why.", report),
                      problem("400", "Not a batch (malformed, cut short, over a limit); the position is in `detail`."),
                      problem("413", "Larger than 32 MiB."), problem("415", "Not JSON, NDJSON or CSV."),
                      json("422", "Every item was refused; `refusals` says why.", report),
                      problem("503", "The spool is full (ATRIUM_SPOOL_MAX_BYTES) or cannot write, or too many batches are being received at once (128 MiB of bodies); nothing was kept. Honour `Retry-After`.")]))
        return operations.map(withAuthProblems)
    }
}
