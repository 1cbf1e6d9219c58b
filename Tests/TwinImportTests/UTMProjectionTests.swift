import Testing
@testable import TwinImport

/// Sites georeferenced only by IfcMapConversion get their location from the inverse UTM projection.
@Suite struct UTMProjectionTests {
    @Test func sampleMapConversionAgreesWithRefLatitude() throws {
        // samples/atrium-dc.ifc: IfcMapConversion to EPSG:25832 and RefLatitude 50°5'57.12", RefLongitude 8°37'49.08".
        let utm = try #require(UTMProjection(crsName: "EPSG:25832"))
        let p = try #require(utm.geographic(easting: 473_559.272, northing: 5_549_725.75))
        #expect(abs(p.latitude - (50 + 5.0 / 60 + 57.12 / 3600)) < 1e-5)
        #expect(abs(p.longitude - (8 + 37.0 / 60 + 49.08 / 3600)) < 1e-5)
    }

    @Test func southernZonesAndOtherCRSs() throws {
        // The false northing of southern zones: the equator on the central meridian (zone 56: 153° E).
        let p = try #require(UTMProjection(crsName: "EPSG: 32756")?.geographic(easting: 500_000, northing: 10_000_000))
        #expect(abs(p.latitude) < 1e-9 && abs(p.longitude - 153) < 1e-9)
        let q = try #require(UTMProjection(crsName: "EPSG:32756")?.geographic(easting: 500_000, northing: 6_000_000))
        #expect(q.latitude < -35 && q.latitude > -37, "about 36° S")
        #expect(UTMProjection(crsName: "EPSG:3857") == nil)
        #expect(UTMProjection(crsName: "Gauss-Krüger") == nil)
    }
}
