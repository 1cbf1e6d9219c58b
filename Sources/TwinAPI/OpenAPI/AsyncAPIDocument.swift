import Foundation

/// `GET /asyncapi.json`: the live WebSocket's frames as an AsyncAPI 3.0 document, written from the
/// same schema vocabulary as `/openapi.json` (and tested against the frames the code sends).
enum AsyncAPIDocument {
    static let severity = APISchema.enumeration(["info", "minor", "major", "critical"])

    /// Frames the server sends; every one carries `seq` (per connection, from 1).
    static let serverMessages: [(name: String, summary: String, schema: APISchema)] = [
        ("Subscribed", "The subscription as the server took it, and the stream id a `resume` names.",
         .object([("subscribed", .ref("Subscription")), ("stream", .uuid), ("seq", .integer(minimum: 1))],
                 required: ["subscribed", "stream", "seq"])),
        ("Unsubscribed", "The subscription ended.",
         .object([("unsubscribed", .ref("Subscription")), ("seq", .integer(minimum: 1))], required: ["unsubscribed", "seq"])),
        ("Snapshot", "Right after `subscribed` (and after `resync`): the newest value of every point under the subscription, and its open alarms.",
         .object([("snapshot", .object([
             ("topic", .ref("Subscription")),
             ("readings", .array(.object([("pointId", .uuid), ("name", .string()), ("quantity", .string()), ("unit", .string()),
                                          ("assetId", .uuid), ("value", .number), ("time_us", .integer())],
                                         required: ["pointId", "name", "quantity", "unit", "assetId", "value", "time_us"],
                                         nullable: ["assetId", "value", "time_us"]))),
             ("alarms", .array(.ref("AlarmFrame"))),
             ("truncated", .boolean),
         ], required: ["topic", "readings", "alarms", "truncated"])), ("seq", .integer(minimum: 1))], required: ["snapshot", "seq"])),
        ("Event", "Something happened under a subscription: `reading` (data: value, unit, quantity, name, assetId), `alarm.*` (data: an AlarmFrame), `import.*`.",
         .object([("event", .object([
             ("kind", .string()), ("siteId", .uuid), ("buildingId", .uuid), ("objectKind", .string()), ("objectId", .string()),
             ("data", .freeForm), ("time_us", .integer()),
         ], required: ["kind", "siteId", "time_us"])), ("seq", .integer(minimum: 1))], required: ["event", "seq"])),
        ("Error", "A message was refused (400 malformed, 404 unknown or out of scope, 429 too many subscriptions); the connection stays open.",
         .object([("error", .object([("status", .integer()), ("detail", .string()), ("topic", .ref("Subscription"))],
                                    required: ["status", "detail"])), ("seq", .integer(minimum: 1))], required: ["error", "seq"])),
        ("Configured", "The connection's frame interval, resume window and batching as the server took them.",
         .object([("configured", .object([("intervalMs", .integer(minimum: 0, maximum: 60_000)), ("resumeSeconds", .integer(minimum: 0, maximum: 300)),
                                          ("batch", .boolean)],
                                         required: ["intervalMs", "resumeSeconds", "batch"])),
                  ("seq", .integer(minimum: 1))], required: ["configured", "seq"])),
        ("Resync", "The client fell too far behind: queued frames were dropped and a fresh snapshot of every subscription follows.",
         .object([("resync", .boolean), ("seq", .integer(minimum: 1))], required: ["resync", "seq"])),
        ("Frames", "With `batch` configured: every frame pending when the server writes, in order, in one message (each one of the frames above, with its own `seq`). Nothing waits for a batch to fill.",
         .object([("frames", .array(.freeForm))], required: ["frames"])),
    ]

    static let clientMessages: [(name: String, summary: String, schema: APISchema)] = [
        ("Subscribe", "Start a subscription (answered with `subscribed` and a `snapshot`, or `error`).",
         .object([("subscribe", .ref("Subscription"))], required: ["subscribe"])),
        ("Unsubscribe", "End a subscription (the same object as subscribed).",
         .object([("unsubscribe", .ref("Subscription"))], required: ["unsubscribe"])),
        ("Configure", "At most one batch of frames every `intervalMs` (0, the default: as they come; readings in between are coalesced to the newest value per point); keep the stream `resumeSeconds` after the connection drops (0, the default: not kept); `batch`: send what is pending as one `frames` message (false, the default: a message per frame).",
         .object([("configure", .object([("intervalMs", .integer(minimum: 0, maximum: 60_000)), ("resumeSeconds", .integer(minimum: 0, maximum: 300)),
                                         ("batch", .boolean)]))],
                 required: ["configure"])),
        ("Resume", "The first message on a new connection: continue stream `stream` after frame `after`; the missed frames follow (or `resync` and snapshots when they are no longer kept), or an error 410 when the stream is gone.",
         .object([("resume", .object([("stream", .uuid), ("after", .integer(minimum: 0))], required: ["stream", "after"]))],
                 required: ["resume"])),
    ]

    static var schemas: [(String, APISchema)] {
        [
            ("Subscription", .object([
                ("siteId", .uuid), ("buildingId", .uuid), ("floorId", .uuid), ("spaceId", .uuid),
                ("box", .array(.number)), ("quantities", .array(.string())), ("assetKinds", .array(.string())),
            ])),
            ("AlarmFrame", .object([
                ("id", .uuid), ("pointId", .uuid), ("state", .enumeration(["active", "acknowledged", "cleared", "resolved"])),
                ("severity", severity), ("side", .enumeration(["high", "low", "state"])), ("value", .number), ("quantity", .string()),
                ("raised_us", .integer()), ("assetId", .uuid),
            ], required: ["id", "pointId", "state", "severity", "side", "value", "quantity", "raised_us", "assetId"],
               nullable: ["side", "value", "assetId"])),
        ]
    }

    static func build() -> JSONValue {
        func message(_ entry: (name: String, summary: String, schema: APISchema)) -> (String, JSONValue) {
            (entry.name, .object([("name", .string(entry.name)), ("summary", .string(entry.summary)),
                                  ("contentType", .string("application/json")), ("payload", entry.schema.json())]))
        }
        func refs(_ list: [(name: String, summary: String, schema: APISchema)], prefix: String) -> JSONValue {
            .array(list.map { .object([("$ref", .string("\(prefix)\($0.name)"))]) })
        }
        let all = serverMessages + clientMessages
        return .object([
            ("asyncapi", .string("3.0.0")),
            ("info", .object([("title", .string("Atrium live events")), ("version", .string("1")),
                              ("description", .string("Readings, alarms and imports as they happen, scoped like the REST API. Authenticate the WebSocket upgrade with `Authorization: Bearer …` or `?access_token=`; `live.read` is required."))])),
            ("servers", .object([("atrium", .object([("host", .string("{host}")), ("protocol", .string("ws")), ("pathname", .string("/v1/live")),
                                                     ("variables", .object([("host", .object([("default", .string("127.0.0.1:8080"))]))]))]))])),
            ("channels", .object([("live", .object([
                ("address", .string("/v1/live")),
                ("messages", .object(all.map { ($0.name, .object([("$ref", .string("#/components/messages/\($0.name)"))])) })),
            ]))])),
            ("operations", .object([
                ("sendSubscriptions", .object([("action", .string("send")), ("channel", .object([("$ref", .string("#/channels/live"))])),
                                               ("messages", refs(clientMessages, prefix: "#/channels/live/messages/"))])),
                ("receiveFrames", .object([("action", .string("receive")), ("channel", .object([("$ref", .string("#/channels/live"))])),
                                           ("messages", refs(serverMessages, prefix: "#/channels/live/messages/"))])),
            ])),
            ("components", .object([
                ("messages", .object(all.map(message))),
                ("schemas", .object(schemas.map { ($0.0, $0.1.json()) })),
            ])),
        ])
    }
}
