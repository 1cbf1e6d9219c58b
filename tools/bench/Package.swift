// swift-tools-version:6.2
// ifc-bench: release-mode benchmarks of Atrium's IFC stack, one phase at a time.
import PackageDescription

let package = Package(
    name: "ifc-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Atrium", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ifc-bench",
            dependencies: [
                .product(name: "STEP", package: "Atrium"),
                .product(name: "COBie", package: "Atrium"),
                .product(name: "IFC", package: "Atrium"),
            ]
        ),
    ]
)
