import TwinDomain

extension APICatalog {
    static var capacity: [APIOperation] {
        let utilisation = APISchema.number
        let units = APISchema.object([("total", .integer()), ("used", .integer()), ("reserved", .integer()), ("free", .integer()),
                                      ("utilisation", utilisation)], required: ["total", "used", "reserved", "free"], nullable: ["utilisation"])
        let rollup = APISchema.object([
            ("level", .enumeration(["row", "space", "floor", "building", "site"])), ("id", .string()), ("name", .string()), ("racks", .integer()),
            ("units", units), ("power", .object([("load_w", .number), ("budget_w", .number), ("utilisation", utilisation)])),
            ("weight", .object([("kg", .number), ("budget_kg", .number), ("utilisation", utilisation)])),
            ("cooling", .object([("heat_w", .number), ("heat_btu_h", .number), ("budget_w", .number), ("utilisation", utilisation)])),
            ("flags", .object([("amber", .integer()), ("red", .integer())])),
        ], required: ["level", "id", "racks", "units", "power", "weight", "cooling", "flags"], nullable: ["name"])
        let placement = APISchema.object([
            ("rack_id", .uuid), ("rack", .string()), ("fits", .integer()), ("assigned", .integer()), ("u_position", .integer()),
            ("utilisation_after", .number), ("reasons", .array(.string())), ("binding", .string()),
        ], required: ["rack_id", "rack", "fits", "assigned", "reasons"], nullable: ["u_position", "binding"])
        let reservation = APISchema.object([
            ("id", .uuid), ("site_id", .uuid), ("building_id", .uuid), ("rack_id", .uuid), ("u_position", .integer()), ("u_height", .integer()),
            ("note", .string()), ("expires_at", .dateTime), ("created_by", .string()), ("created_at", .dateTime),
        ], required: ["id", "site_id", "rack_id", "u_position", "u_height", "expires_at", "created_by", "created_at"],
           nullable: ["building_id", "note"])
        let place: [P] = [query("site", .uuid, "A site."), query("building", .uuid, "A building."), query("floor", .uuid, "A floor."),
                          query("space", .uuid, "A space (room)."), query("rack", .uuid, "One rack.")]
        return [
            APIOperation(method: "get", path: "/v1/capacity",
                         summary: "U space, power (nameplate, allocated, measured max and p95 over `window_h`), feeds with N+1 through cascaded PDUs, weight and cooling per rack; rooms' cooling with and without the largest unit; power nodes; rollups per row, space, floor, building and site; racks flagged amber/red.",
                         tag: "Capacity", access: .requires(.assetsRead), feature: .capacity,
                         parameters: place + [query("window_h", .number, "Hours of measured power (default 24; hourly rollups beyond 6)."),
                                              query("amber", .number, "Amber flag threshold (fraction, default 0.6)."),
                                              query("red", .number, "Red flag threshold (fraction, default 0.8)."),
                                              query("detail", .enumeration(["racks", "rollups"]), "`rollups` leaves the racks out.")],
                         replies: [json("200", "The capacity.", .object([("window_h", .number), ("rollups", .array(rollup)),
                                                                        ("rooms", .array(.object([]))), ("power_nodes", .array(.object([]))),
                                                                        ("racks", .array(.object([])))])),
                                   notFound, badParameter, problem("422", "No place named, or thresholds out of order.")]),
            APIOperation(method: "post", path: "/v1/capacity/placements",
                         summary: "Where `count` devices of `u_height` U, `power_w` and `weight_kg` fit (a contiguous free block, rack budget, both feeds after losing one when `feeds` is A+B, rack and room cooling with N+1, weight), ranked by balanced headroom; each result says why, each rejected rack its binding constraint.",
                         tag: "Capacity", access: .requires(.assetsRead), feature: .capacity,
                         body: APIOperation.Body(contentTypes: [("application/json", .object([
                             ("u_height", .integer()), ("power_w", .number), ("weight_kg", .number), ("feeds", .enumeration(["A+B", "single"])),
                             ("count", .integer()), ("site_id", .uuid), ("building_id", .uuid), ("floor_id", .uuid), ("space_id", .uuid),
                         ], required: ["u_height", "power_w"]))], description: "The devices and where to look."),
                         replies: [json("200", "Ranked racks.", .object([("requested", .integer()), ("placed", .integer()),
                                                                         ("results", .array(placement)), ("rejected", .array(placement)),
                                                                         ("rejected_total", .integer())])),
                                   problem("422", "A size out of range (the field is named) or no place."), notFound]),
            APIOperation(method: "get", path: "/v1/capacity/reservations", summary: "Unexpired U reservations.",
                         tag: "Capacity", access: .requires(.assetsRead), feature: .capacity, parameters: [query("site", .uuid, "Only this site.")],
                         replies: [json("200", "The reservations.", .object([("items", .array(reservation)), ("next_cursor", .string())],
                                                                           required: ["items", "next_cursor"], nullable: ["next_cursor"]),
                                        headers: ["Link"]), badParameter]),
            APIOperation(method: "post", path: "/v1/capacity/reservations",
                         summary: "Hold units of a rack until `expires_at` (audited); refused when they overlap a device or another reservation.",
                         tag: "Capacity", access: .requires(.assetsWrite), feature: .capacity,
                         body: APIOperation.Body(contentTypes: [("application/json", .object([
                             ("rack_id", .uuid), ("u_position", .integer()), ("u_height", .integer()), ("expires_at", .dateTime), ("note", .string()),
                         ], required: ["rack_id", "u_position", "u_height", "expires_at"]))], description: "The units."),
                         replies: [json("201", "Reserved.", reservation, headers: ["Location"]),
                                   problem("409", "Overlaps a device or another reservation."), problem("422", "Outside the rack, or expiry not ahead."),
                                   notFound]),
            APIOperation(method: "delete", path: "/v1/capacity/reservations/{id}", summary: "Release a reservation (audited).",
                         tag: "Capacity", access: .requires(.assetsWrite), feature: .capacity, parameters: [id("id", "reservation")],
                         replies: [R(status: "204", description: "Released."), notFound, problem("400", "Malformed id.")]),
        ].map(withAuthProblems)
    }

    static var energy: [APIOperation] {
        let totals = APISchema.object([("it_kwh", .number), ("facility_kwh", .number), ("pue", .number), ("cost", .number), ("hours", .integer())],
                                      required: ["it_kwh", "facility_kwh", "hours"], nullable: ["pue", "cost"])
        return [
            APIOperation(method: "get", path: "/v1/energy",
                         summary: "IT and facility energy (kWh) per hour, day or month, PUE labelled with its Green Grid category (3 device inputs, 2 PDU outputs/rack feeds, 1 UPS outputs), facility power metered or derived (and which), cost from a tariff, and the prior period of the same length with the change.",
                         tag: "Capacity", access: .requires(.assetsRead), feature: .energy,
                         parameters: [query("site", .uuid, "A site."), query("building", .uuid, "A building."),
                                      query("from", .string(), "Start, RFC 3339 or Unix seconds (default: 30 days before `to`)."),
                                      query("to", .string(), "End (default: now)."),
                                      query("interval", .enumeration(["hour", "day", "month"]), "Bucket size (default day)."),
                                      query("tz", .string(), "IANA time zone where days and months begin (default UTC)."),
                                      query("tariff", .number, "Price per kWh (default ATRIUM_ENERGY_TARIFF).")],
                         replies: [json("200", "The energy account.", .object([("pue_category", .integer()), ("it_basis", .string()),
                                                                               ("facility_basis", .string()), ("series", .array(.object([]))),
                                                                               ("totals", totals), ("prior", totals)])),
                                   notFound, badParameter, problem("422", "No place, a range out of order or over three years, or a bad tariff.")]),
        ].map(withAuthProblems)
    }

    static var deviceImports: [APIOperation] {
        let row = APISchema.object([("row", .integer()), ("name", .string()), ("asset_id", .uuid),
                                    ("errors", .array(.object([("column", .string()), ("message", .string())])))],
                                   required: ["row", "errors"], nullable: ["name", "asset_id"])
        let report = APISchema.object([("mode", .enumeration(["all", "rows"])), ("written", .boolean), ("created", .integer()),
                                       ("refused", .integer()), ("rows", .array(row))])
        return [
            APIOperation(method: "post", path: "/v1/device-imports",
                         summary: "Devices into racks from CSV (columns name, rack, u_position required; u_height, kind, type, serial, asset_tag, power_draw_w, weight_kg, allocated_power_w, installed_on, description, ip). Every row is checked (rack by name, units free of devices and earlier rows, numbers, formula-like cells); `mode=all` writes all rows in one audited transaction or nothing, `mode=rows` writes the valid ones.",
                         tag: "Assets", access: .requires(.assetsWrite), feature: .deviceImport,
                         parameters: [query("building", .uuid, "The building whose racks the rows name.", required: true),
                                      query("mode", .enumeration(["all", "rows"]), "All or nothing (default), or row by row.")],
                         body: APIOperation.Body(contentTypes: [("text/csv", .string())], description: "The devices, a header row first."),
                         replies: [json("200", "Written (all rows, or the valid ones in `rows` mode); each row's outcome.", report),
                                   R(status: "422", description: "Refused: the file (line and column), or in `all` mode the rows with their errors (nothing written).",
                                     contentTypes: [("application/json", report), ("application/problem+json", .ref("Problem"))]),
                                   problem("415", "Not text/csv."), problem("413", "Over 4 MiB."), notFound, badParameter]),
        ].map(withAuthProblems)
    }

    static var reports: [APIOperation] {
        [
            APIOperation(method: "get", path: "/v1/reports/{kind}",
                         summary: "A report over a date range for a site or building: `energy-summary` (kWh, PUE trend with its category, cost, prior period), `capacity-planning` (space, power and cooling per room, the racks closest to a limit), `uptime-availability` (alarms per day and severity, MTTA, MTTR, critical events), `temperature-compliance` (share of rack-hours within ASHRAE's 18–27 °C and within thresholds, worst racks), `battery-health` (UPS state-of-health trend, years to 80 %, outlier blocks, replacement recommendations). `format=json`, `csv` (the tables) or `html` (one self-contained page with inline SVG charts, printable to PDF).",
                         tag: "Capacity", access: .requires(.assetsRead), feature: .reports,
                         parameters: [P(name: "kind", location: .path, required: true,
                                        schema: .enumeration(["energy-summary", "capacity-planning", "uptime-availability",
                                                              "temperature-compliance", "battery-health"]), description: "The report."),
                                      query("site", .uuid, "A site."), query("building", .uuid, "A building."),
                                      query("from", .string(), "Start, RFC 3339 or Unix seconds (default: 30 days before `to`)."),
                                      query("to", .string(), "End (default: now)."), query("tz", .string(), "IANA time zone for days (default UTC)."),
                                      query("format", .enumeration(["json", "csv", "html"]), "Default json.")],
                         replies: [R(status: "200", description: "The report.",
                                     contentTypes: [("application/json", .object([("kind", .string()), ("title", .string()), ("sections", .array(.object([])))])),
                                                    ("text/csv", .string()), ("text/html", .string())]),
                                   notFound, badParameter, problem("422", "No place, or a range out of order or over three years.")]),
        ].map(withAuthProblems)
    }
}
