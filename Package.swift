// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "recall",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "recall", targets: ["recall"]),
        .executable(name: "recall-bench", targets: ["recall-bench"]),
        // The parsers, for the libFuzzer package in Fuzz/ (which depends on this one by path).
        .library(name: "RecallCore", targets: ["RecallCore"]),
        .library(name: "RecallMail", targets: ["RecallMail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "RecallCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RecallStore",
            dependencies: [
                "RecallCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RecallMail",
            dependencies: ["RecallCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RecallDemo",
            dependencies: ["RecallCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RecallBackup",
            dependencies: ["RecallCore", "RecallStore", "RecallMail", "RecallDemo"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RecallRestore",
            dependencies: [
                "RecallCore",
                "RecallStore",
                "RecallMail",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RecallHTTP",
            dependencies: [
                "RecallCore",
                "RecallStore",
                "RecallRestore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "recall",
            dependencies: [
                "RecallCore",
                "RecallStore",
                "RecallRestore",
                "RecallHTTP",
                "RecallBackup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "recall-bench",
            dependencies: [
                "RecallCore",
                "RecallStore",
                "RecallHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RecallMailTests",
            dependencies: ["RecallMail"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RecallDemoTests",
            dependencies: ["RecallDemo"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RecallBackupTests",
            dependencies: ["RecallCore", "RecallStore", "RecallBackup", "RecallMail", "RecallDemo"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RecallStoreTests",
            dependencies: ["RecallCore", "RecallStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RecallCoreTests",
            dependencies: ["RecallCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RecallHTTPTests",
            dependencies: [
                "RecallCore",
                "RecallStore",
                "RecallRestore",
                "RecallHTTP",
                "RecallBackup",
                "RecallDemo",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
