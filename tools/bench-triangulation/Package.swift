// swift-tools-version:6.2
// bench-triangulation: release-mode timings of IFCGeometry's polygon triangulator
// on generated polygons (2k / 20k / 100k vertices and more, with holes).
import PackageDescription

let package = Package(
    name: "bench-triangulation",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Atrium", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "bench-triangulation",
            dependencies: [.product(name: "IFCGeometry", package: "Atrium")]
        ),
    ]
)
