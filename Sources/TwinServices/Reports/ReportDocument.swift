import Foundation

/// A report as data: headline figures, tables and charts, in order. One document is rendered as
/// JSON, CSV (its tables) and a self-contained HTML page with inline SVG, so every format shows
/// the same numbers.
public struct ReportDocument: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double, decimals: Int)
        case empty
    }

    public struct Figure: Sendable, Hashable {
        public var label: String
        public var value: Cell
        public var unit: String?
        public init(label: String, value: Cell, unit: String?) {
            self.label = label
            self.value = value
            self.unit = unit
        }
    }

    public struct Table: Sendable, Hashable {
        public var title: String
        public var columns: [String]
        public var rows: [[Cell]]
        public init(title: String, columns: [String], rows: [[Cell]]) {
            self.title = title
            self.columns = columns
            self.rows = rows
        }
    }

    public struct Chart: Sendable, Hashable {
        public enum Kind: String, Sendable { case line, bar }
        public var title: String
        public var kind: Kind
        public var unit: String
        /// One label per point; each series its values (nil: no data there).
        public var labels: [String]
        public var series: [(name: String, values: [Double?])]

        public init(title: String, kind: Kind, unit: String, labels: [String], series: [(name: String, values: [Double?])]) {
            self.title = title
            self.kind = kind
            self.unit = unit
            self.labels = labels
            self.series = series
        }

        public static func == (a: Chart, b: Chart) -> Bool {
            a.title == b.title && a.labels == b.labels && a.series.map(\.name) == b.series.map(\.name)
                && a.series.map(\.values) == b.series.map(\.values)
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(title); hasher.combine(labels) }
    }

    public enum Section: Sendable, Hashable {
        case figures([Figure])
        case table(Table)
        case chart(Chart)
        case note(String)
    }

    /// `energy-summary`, `capacity-planning`, `uptime-availability`.
    public var kind: String
    public var title: String
    /// Where and when: the place's name and the period.
    public var scope: String
    public var from: Date
    public var to: Date
    public var generatedAt: Date
    public var sections: [Section]

    public init(kind: String, title: String, scope: String, from: Date, to: Date, generatedAt: Date, sections: [Section]) {
        self.kind = kind
        self.title = title
        self.scope = scope
        self.from = from
        self.to = to
        self.generatedAt = generatedAt
        self.sections = sections
    }
}
