// swift-tools-version: 6.1
import PackageDescription

// Dependency rule (docs/dev/CODEBASE.md): targets import only what is below them.
// BillingCore <- BillingStore <- BillingSync; BillingCore <- Sandbox; BillingCore <- TUIKit <- CursesTerminal;
// BilltopApp sits on TUIKit + store + sync; the executable wires everything.

// Every Swift target: a file sees the members of only the modules it imports itself, so a target cannot lean on
// what a dependency imports, and each target declares exactly the modules it uses (the compiler checks the rule).
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "billtop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "billtop", targets: ["billtop"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Already in the graph through Hummingbird; named because the sandbox imports them directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        // The team store's engine (issue 18): only BillingStore uses it, since only the store writes SQL.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // Already in the graph through PostgresNIO; named because the store builds the TLS context itself.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        // Already in the graph through PostgresNIO (at 4.5.2); named because serve verifies webhook signatures.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(name: "BillingCore", swiftSettings: swiftSettings),
        .target(
            name: "BillingStore",
            dependencies: [
                "BillingCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BillingSync",
            dependencies: [
                "BillingCore", "BillingStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                "BillingCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TUIKit",
            dependencies: ["BillingCore", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CursesTerminal", dependencies: ["BillingCore", "TUIKit", "CNCurses"], swiftSettings: swiftSettings),
        // The action core (issue 17): validation, the journal's exactly-once protocol, requests on both paths.
        .target(
            name: "BillingActions", dependencies: ["BillingCore", "BillingStore", "BillingSync"],
            swiftSettings: swiftSettings),
        // `billtop serve` (issue 18): leadership, the viewers' action queue and webhooks, on the PostgreSQL store;
        // the fetching and acting it schedules come through its `ServeWork` protocol.
        .target(
            name: "BillingServe",
            dependencies: [
                "BillingCore", "BillingStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // No GRDB: the dashboard reads the store through BillingStore's typed API (BillingStore/Dashboard).
        .target(
            name: "BilltopApp",
            dependencies: ["BillingCore", "BillingStore", "BillingSync", "BillingActions", "TUIKit"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "billtop",
            dependencies: [
                "BillingCore", "BillingStore", "BillingSync", "BillingActions", "Sandbox", "TUIKit", "CursesTerminal",
                "BilltopApp", "BillingServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["BuildStampPlugin"]
        ),
        // Writes the commit and day of the build into the executable for `billtop --version` (issue 20).
        .plugin(name: "BuildStampPlugin", capability: .buildTool(), path: "Sources/BuildStampPlugin"),
        // The benchmarks (`swift run -c release billtop-bench NAME`): they print numbers about the product and are
        // no part of it, so `billtop --help` lists only what users run. They import no GRDB: the store answers.
        .executableTarget(
            name: "billtop-bench",
            dependencies: [
                "BillingCore", "BillingStore", "BillingSync", "Sandbox", "TUIKit", "CursesTerminal", "BilltopApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/billtop-bench",
            swiftSettings: swiftSettings
        ),
        // The fuzz target of the page parser and record mappers (`.ci/fuzz` builds it with libFuzzer); in an
        // ordinary build, a tool that replays inputs through the same function.
        .executableTarget(name: "BilltopFuzz", dependencies: ["BillingSync"], swiftSettings: swiftSettings),
        // Test-only helpers shared by the test targets (temporary files that never outlive the run).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        // Test-only helpers for screens: the fake terminal and snapshot files (apart, so TestSupport stays
        // free of TUIKit for the store and sync tests).
        .target(
            name: "TUITestSupport", dependencies: ["TUIKit"], path: "Tests/TUITestSupport", swiftSettings: swiftSettings
        ),
        .testTarget(name: "BillingCoreTests", dependencies: ["BillingCore"], swiftSettings: swiftSettings),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "BillingCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BillingStoreTests",
            dependencies: [
                "BillingStore", "BillingCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BillingSyncTests",
            dependencies: [
                "BillingSync", "BillingStore", "BillingCore", "Sandbox", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BillingActionsTests",
            dependencies: ["BillingActions", "BillingSync", "BillingStore", "BillingCore", "Sandbox", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL engine (issue 18), each suite on a throwaway cluster it starts itself; serve's suites
        // (Serve/) live here too, to share that cluster.
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "BillingStore", "BillingCore", "BillingServe", "TestSupport", "BillingSync", "BillingActions",
                "Sandbox", "BilltopApp",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TUIKitTests",
            dependencies: ["TUIKit", "CursesTerminal", "CNCurses", "BillingCore", "TUITestSupport"],
            exclude: ["Snapshots"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BilltopAppTests",
            dependencies: ["BilltopApp", "TUIKit", "BillingStore", "BillingCore", "BillingActions", "TUITestSupport"],
            exclude: ["Snapshots"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Sandbox", "BillingSync", "BillingStore", "BillingCore", "BillingActions", "BilltopApp", "TUIKit",
                "TestSupport",
                "TUITestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
