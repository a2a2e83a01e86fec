// swift-tools-version:6.1
// libFuzzer targets for Recall's parsers: build and run them with `scripts/fuzz` (see Fuzz/README.md).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "recall-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "recall", path: ".."),
    ],
    targets: [
        // libFuzzer's driver, called from each target's `@main` (SwiftPM gives executables their own `main`).
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzMbox",
            dependencies: ["FuzzSupport", .product(name: "RecallMail", package: "recall")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzHeaders",
            dependencies: ["FuzzSupport", .product(name: "RecallMail", package: "recall")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzMailDate",
            dependencies: ["FuzzSupport", .product(name: "RecallMail", package: "recall")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzDateTime",
            dependencies: ["FuzzSupport", .product(name: "RecallCore", package: "recall")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzActionBody",
            dependencies: [
                "FuzzSupport",
                .product(name: "RecallCore", package: "recall"),
                .product(name: "RecallMail", package: "recall"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
