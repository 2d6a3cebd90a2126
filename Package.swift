// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Copydesk",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Copydesk", targets: ["Copydesk"]),
        .executable(name: "copydesk", targets: ["copydesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(
            name: "Copydesk",
            dependencies: [
                "Yams",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                "CZlib",
                "CLibXML2",
                "CLibArchive",
                "CLibPQ",
                "CMinHash",
            ],
            resources: [.copy("Resources")]
        ),
        .target(name: "CMinHash"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibArchive", path: "Sources/CLibArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .executableTarget(
            name: "copydesk",
            dependencies: [
                "Copydesk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "BenchSupport", dependencies: ["Copydesk"]),
        .executableTarget(
            name: "copydesk-bench",
            dependencies: [
                "Copydesk",
                "BenchSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "copydesk-train",
            dependencies: [
                "Copydesk",
                "BenchSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CopydeskTests",
            dependencies: [
                "Copydesk",
                "BenchSupport",
                "CLibArchive",
                "CZlib",
                "Yams",
                .product(name: "CSV", package: "CSV.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
