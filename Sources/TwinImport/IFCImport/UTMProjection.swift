import Foundation

/// Inverse Universal Transverse Mercator (Snyder, "Map Projections: A Working Manual", eq. 8-12…8-25),
/// so a site georeferenced only by IfcMapConversion to a UTM CRS still gets a WGS 84 location.
///
/// Only UTM-based EPSG codes are recognised (WGS 84 326zz/327zz, ETRS89 258zz, NAD83 269zz); their
/// datums differ from WGS 84 by well under a metre, which is below what a site location needs.
struct UTMProjection {
    var zone: Int
    var south: Bool

    /// The projection for an EPSG name (`EPSG:25832`, `EPSG: 32633`), nil for other CRSs.
    init?(crsName: String) {
        let digits = crsName.uppercased().replacingOccurrences(of: "EPSG", with: "").filter(\.isNumber)
        guard let code = Int(digits) else { return nil }
        switch code {
        case 32601...32660: zone = code - 32600; south = false
        case 32701...32760: zone = code - 32700; south = true
        case 25828...25838: zone = code - 25800; south = false
        case 26901...26923: zone = code - 26900; south = false
        default: return nil
        }
    }

    /// (latitude, longitude) in degrees of a grid point in metres.
    func geographic(easting: Double, northing: Double) -> (latitude: Double, longitude: Double)? {
        guard easting.isFinite, northing.isFinite else { return nil }
        let a = 6_378_137.0, f = 1 / 298.257223563, k0 = 0.9996
        let e2 = f * (2 - f), ep2 = e2 / (1 - e2)
        let x = easting - 500_000
        let y = south ? northing - 10_000_000 : northing
        let m = y / k0
        let mu = m / (a * (1 - e2 / 4 - 3 * e2 * e2 / 64 - 5 * e2 * e2 * e2 / 256))
        let e1 = (1 - (1 - e2).squareRoot()) / (1 + (1 - e2).squareRoot())
        let phi1 = mu + (3 * e1 / 2 - 27 * pow(e1, 3) / 32) * sin(2 * mu) + (21 * e1 * e1 / 16 - 55 * pow(e1, 4) / 32) * sin(4 * mu)
            + (151 * pow(e1, 3) / 96) * sin(6 * mu) + (1097 * pow(e1, 4) / 512) * sin(8 * mu)
        let c1 = ep2 * pow(cos(phi1), 2), t1 = pow(tan(phi1), 2)
        let n1 = a / (1 - e2 * pow(sin(phi1), 2)).squareRoot()
        let r1 = a * (1 - e2) / pow(1 - e2 * pow(sin(phi1), 2), 1.5)
        let d = x / (n1 * k0)
        let lat = phi1 - (n1 * tan(phi1) / r1) * (d * d / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * pow(d, 4) / 24
            + (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * pow(d, 6) / 720)
        let lon = (d - (1 + 2 * t1 + c1) * pow(d, 3) / 6 + (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * pow(d, 5) / 120)
            / cos(phi1)
        let centralMeridian = Double(zone * 6 - 183)
        let latitude = lat * 180 / .pi, longitude = centralMeridian + lon * 180 / .pi
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else { return nil }
        return (latitude, longitude)
    }
}
