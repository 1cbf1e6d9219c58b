import Foundation
import TwinServices

/// A ``ReportDocument`` as JSON, CSV (each table under its title; cells defused as the inventory's
/// are) or one self-contained HTML page: inline CSS and SVG charts, no script, no external
/// resource, so it prints to PDF from any browser and opens offline.
enum ReportRendering {
    static func number(_ cell: ReportDocument.Cell) -> String {
        switch cell {
        case .text(let text): return text
        case .number(let value, let decimals): return value.isFinite ? String(format: "%.\(decimals)f", value) : ""
        case .empty: return ""
        }
    }

    static func json(_ d: ReportDocument) -> JSONValue {
        func cell(_ c: ReportDocument.Cell) -> JSONValue {
            switch c {
            case .text(let text): return .string(text)
            case .number(let value, _): return .double(value)
            case .empty: return .null
            }
        }
        return .object([
            ("kind", .string(d.kind)), ("title", .string(d.title)), ("scope", .string(d.scope)), ("from", .date(d.from)), ("to", .date(d.to)),
            ("generated_at", .date(d.generatedAt)),
            ("sections", .array(d.sections.map { section in
                switch section {
                case .figures(let figures):
                    return .object([("type", .string("figures")), ("figures", .array(figures.map {
                        .object([("label", .string($0.label)), ("value", cell($0.value)), ("unit", .text($0.unit))])
                    }))])
                case .table(let t):
                    return .object([("type", .string("table")), ("title", .string(t.title)), ("columns", .array(t.columns.map { .string($0) })),
                                    ("rows", .array(t.rows.map { .array($0.map(cell)) }))])
                case .chart(let c):
                    return .object([("type", .string("chart")), ("title", .string(c.title)), ("kind", .string(c.kind.rawValue)),
                                    ("unit", .string(c.unit)), ("labels", .array(c.labels.map { .string($0) })),
                                    ("series", .array(c.series.map { s in
                                        .object([("name", .string(s.name)), ("values", .array(s.values.map { .number($0) }))])
                                    }))])
                case .note(let text):
                    return .object([("type", .string("note")), ("text", .string(text))])
                }
            })),
        ])
    }

    static func csv(_ d: ReportDocument) -> String {
        var out = AssetInventoryCSV.text(d.title) + "," + AssetInventoryCSV.text(d.scope) + "\r\n"
        for section in d.sections {
            switch section {
            case .figures(let figures):
                out += "\r\nfigure,value,unit\r\n"
                for f in figures { out += [AssetInventoryCSV.text(f.label), csvCell(f.value), AssetInventoryCSV.text(f.unit)].joined(separator: ",") + "\r\n" }
            case .table(let t):
                out += "\r\n" + AssetInventoryCSV.text(t.title) + "\r\n" + t.columns.map { AssetInventoryCSV.text($0) }.joined(separator: ",") + "\r\n"
                for row in t.rows { out += row.map(csvCell).joined(separator: ",") + "\r\n" }
            case .chart, .note:
                continue
            }
        }
        return out
    }

    static func csvCell(_ cell: ReportDocument.Cell) -> String {
        if case .text(let text) = cell { return AssetInventoryCSV.text(text) }
        return number(cell)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let palette = ["#1f6feb", "#d97706", "#16a34a", "#9333ea"]

    static func html(_ d: ReportDocument) -> String {
        var body = "<h1>\(escape(d.title))</h1><p class=\"scope\">\(escape(d.scope)) · generated \(escape(ISO8601DateFormatter().string(from: d.generatedAt)))</p>"
        for section in d.sections {
            switch section {
            case .figures(let figures):
                body += "<div class=\"figures\">" + figures.map { f in
                    // No value: a dash, not a bare unit.
                    let value = f.value == .empty ? "—" : escape(number(f.value)) + "<span class=\"unit\"> \(escape(f.unit ?? ""))</span>"
                    return "<div class=\"figure\"><div class=\"value\">\(value)</div><div class=\"label\">\(escape(f.label))</div></div>"
                }.joined() + "</div>"
            case .note(let text):
                body += "<p class=\"note\">\(escape(text))</p>"
            case .table(let t):
                body += "<h2>\(escape(t.title))</h2><table><thead><tr>" + t.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
                body += t.rows.map { row in "<tr>" + row.map { "<td>\(escape(number($0)))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
            case .chart(let c):
                body += "<h2>\(escape(c.title))</h2>" + svg(c)
            }
        }
        return """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(escape(d.title)) — \(escape(d.scope))</title>
            <style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}h1{margin:0}.scope{color:#555}
            .figures{display:flex;gap:1.5em;flex-wrap:wrap;margin:1em 0}.figure{border:1px solid #ddd;border-radius:6px;padding:.6em 1em}
            .value{font-size:1.6em;font-weight:600}.unit{font-size:.6em;color:#555}.label{color:#555}.note{color:#555;font-style:italic}
            table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:right}
            th:first-child,td:first-child{text-align:left}svg{display:block;margin:.5em 0 1.5em}
            @media print{body{margin:1cm}}</style></head><body>\(body)</body></html>
            """
    }

    /// A bar (grouped) or line chart, 760 × 260, with a zero-based y axis and up to 12 x labels.
    static func svg(_ c: ReportDocument.Chart) -> String {
        let width = 760.0, height = 260.0, left = 56.0, bottom = 40.0, top = 16.0, right = 16.0
        let plotW = width - left - right, plotH = height - top - bottom
        let values = c.series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        let maximum = max(values.max() ?? 1, c.kind == .line ? (values.max() ?? 1) : 0)
        let minimum = c.kind == .line ? min(values.min() ?? 0, maximum) : 0
        let span = max(maximum - minimum, 1e-9)
        func y(_ v: Double) -> Double { top + plotH - (v - minimum) / span * plotH }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(c.title))\">"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#fff\"/>"
        for step in 0...4 {
            let v = minimum + span * Double(step) / 4
            out += String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>", left, y(v), width - right, y(v))
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%@</text>", left - 6, y(v) + 4,
                          escape(v >= 100 ? String(format: "%.0f", v) : String(format: "%.2f", v)))
        }
        let count = max(c.labels.count, 1)
        let slot = plotW / Double(count)
        for (index, label) in c.labels.enumerated() where count <= 12 || index % ((count + 11) / 12) == 0 {
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">%@</text>",
                          left + slot * (Double(index) + 0.5), height - bottom + 16, escape(String(label.suffix(10))))
        }
        for (s, series) in c.series.enumerated() {
            let colour = palette[s % palette.count]
            if c.kind == .bar {
                let barW = slot * 0.8 / Double(max(c.series.count, 1))
                for (index, value) in series.values.enumerated() {
                    guard let value, value.isFinite else { continue }
                    let x = left + slot * Double(index) + slot * 0.1 + barW * Double(s)
                    out += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>", x, y(value), max(barW - 1, 1),
                                  max(top + plotH - y(value), 0), colour)
                }
            } else {
                let points = series.values.enumerated().compactMap { index, value -> String? in
                    guard let value, value.isFinite else { return nil }
                    return String(format: "%.1f,%.1f", left + slot * (Double(index) + 0.5), y(value))
                }
                out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
            out += String(format: "<rect x=\"%.1f\" y=\"4\" width=\"10\" height=\"10\" fill=\"%@\"/><text x=\"%.1f\" y=\"13\" font-size=\"11\">%@</text>",
                          left + Double(s) * 110, colour, left + Double(s) * 110 + 14, escape(series.name))
        }
        return out + "</svg>"
    }
}
