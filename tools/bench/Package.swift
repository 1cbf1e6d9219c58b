// swift-tools-version:6.2
// ifc-bench: release-mode benchmarks of Atrium's IFC stack, one phase at a time.
import PackageDescription

let package = Package(
    name: "ifc-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Atrium", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
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
        // Live WebSocket load: many subscribers, a steady ingest, latency from acceptance to frame.
        .executableTarget(
            name: "live-bench",
            dependencies: [
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
