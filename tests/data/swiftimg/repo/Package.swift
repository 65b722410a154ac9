// swift-tools-version:5.10
import PackageDescription

let package = Package(
    name: "PixelPipe",
    platforms: [.iOS(.v15), .macOS(.v12), .tvOS(.v15), .watchOS(.v8), .visionOS(.v1)],
    products: [
        .library(name: "PixelPipe", targets: ["PixelPipeCore", "PixelPipeDecoders", "PixelPipeUI"]),
        .library(name: "PixelPipeCore", targets: ["PixelPipeCore"]),
    ],
    targets: [
        .target(name: "PixelPipeCore", swiftSettings: [.enableExperimentalFeature("StrictConcurrency")]),
        .target(name: "PixelPipeDecoders", dependencies: ["PixelPipeCore", .target(name: "libwebp", condition: .when(platforms: [.iOS, .macOS, .tvOS, .watchOS, .visionOS]))]),
        .target(name: "PixelPipeUI", dependencies: ["PixelPipeCore", "PixelPipeDecoders"]),
        .binaryTarget(
            name: "libwebp",
            url: "https://github.com/tessera-labs/pixelpipe/releases/download/3.1.0/libwebp.xcframework.zip",
            checksum: "5c1f0e9a7d3b2e8f4a6c9d0b1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f"
        ),
        .testTarget(name: "PixelPipeCoreTests", dependencies: ["PixelPipeCore"]),
    ]
)
