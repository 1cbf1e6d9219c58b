/// A unit a device reports values in, with its affine relation to its dimension's base unit.
///
/// `base = (value + offset) × multiplier ÷ divisor`. Factors are kept as exact integers where the
/// definition allows (1 psi = 44482216152605 ÷ 6451600000 Pa), so a composed conversion rounds once
/// and textbook values come out exact (212 °F = 100 °C, 5 ‰ = 0.5 %).
public struct MeasurementUnit: Sendable, Hashable, CustomStringConvertible {
    /// The canonical spelling, used in messages and output.
    public let symbol: String
    public let dimension: UnitDimension
    /// Added to a value before scaling (temperatures only).
    public let offset: Double
    public let multiplier: Double
    public let divisor: Double

    public init(symbol: String, dimension: UnitDimension, offset: Double = 0, multiplier: Double = 1, divisor: Double = 1) {
        self.symbol = symbol
        self.dimension = dimension
        self.offset = offset
        self.multiplier = multiplier
        self.divisor = divisor
    }

    public var description: String { symbol }

    /// Parses a unit string through the alias table (see `MeasurementUnit+Catalog.swift`).
    ///
    /// Surrounding ASCII spaces are ignored. Aliases match exactly first; aliases that cannot be
    /// confused by case (`kwh`, `celsius`, `psi`; not `mW`/`MW`) also match ignoring ASCII case.
    public init(parsing text: String) throws(UnitError) {
        guard let found = Array(text.utf8).withUnsafeBytes({ MeasurementUnit.lookup($0) }) else {
            throw .unknownUnit(text)
        }
        self = found
    }

    /// Lookup on raw bytes, used by the decoders so a unit is checked without building a String first.
    static func lookup(_ raw: UnsafeRawBufferPointer) -> MeasurementUnit? {
        var lo = 0
        var hi = raw.count
        while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
        while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
        let trimmed = UnsafeRawBufferPointer(rebasing: raw[lo..<hi])
        guard trimmed.count <= MeasurementUnit.longestAlias else { return nil }
        let key = [UInt8](trimmed)
        if let unit = MeasurementUnit.exactAliases[key] { return unit }
        let folded = key.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return MeasurementUnit.foldedAliases[folded]
    }
}
