/// A 4×4 affine transform, row-major, translation in the last column.
public struct IFCMatrix4: Sendable, Equatable {
    public var m: [Double]

    public static let identity = IFCMatrix4(m: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])

    public init(m: [Double]) { self.m = m }

    /// Columns are the axes; `o` the origin.
    public init(x: SIMD3<Double>, y: SIMD3<Double>, z: SIMD3<Double>, origin o: SIMD3<Double>) {
        m = [x.x, y.x, z.x, o.x, x.y, y.y, z.y, o.y, x.z, y.z, z.z, o.z, 0, 0, 0, 1]
    }

    public subscript(row: Int, column: Int) -> Double { m[row * 4 + column] }

    public var origin: SIMD3<Double> { SIMD3(m[3], m[7], m[11]) }

    public static func * (a: IFCMatrix4, b: IFCMatrix4) -> IFCMatrix4 {
        var r = [Double](repeating: 0, count: 16)
        for i in 0..<4 {
            for j in 0..<4 {
                var s = 0.0
                for k in 0..<4 { s += a.m[i * 4 + k] * b.m[k * 4 + j] }
                r[i * 4 + j] = s
            }
        }
        return IFCMatrix4(m: r)
    }

    /// Scales the translation (project units → metres) and leaves the rotation alone.
    public func scaledTranslation(_ s: Double) -> IFCMatrix4 {
        var r = m
        r[3] *= s
        r[7] *= s
        r[11] *= s
        return IFCMatrix4(m: r)
    }
}
