// swift-tools-version: 6.0
// Northstar: a prioritisation engine for mission-driven teams. Linux only: it watches files
// through inotify (libinotifytools) and uses Glibc, so no other platform is declared.
//
// Architecture (functional core, imperative shell):
//   CYAML, CInotifyTools  – system-library targets wrapping libyaml and libinotifytools
//   CMalloc               – glibc's <malloc.h> (malloc_trim), which the Glibc module leaves out
//   CSpawn                – glibc's posix_spawn "close every inherited descriptor" action
//   CFileRange            – Linux's sync_file_range and copy_file_range (outputs' writes)
//   NorthstarCore         – pure: YAML events -> located values, backlog model, validation,
//                           scoring, ranking, explanation, rendering of every output
//   NorthstarShell        – file I/O around the core: scanning folders, bounded reads,
//                           atomic writers, one full ranking pass
//   NorthstarDaemon       – the watcher (libinotifytools), settling, the daemon loop, logging
//   NorthstarCLI          – the commands (swift-argument-parser)
//   northstar             – the thin executable
//   NorthstarProbe        – observing the daemon from outside (inotify, notify socket, scratch
//                           folders), for the tests and the benchmarks
//   northstar-bench       – corpus generator and benchmark harness (`make bench`)
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "Northstar",
    products: [
        .executable(name: "northstar", targets: ["northstar"]),
        .executable(name: "northstar-bench", targets: ["northstar-bench"]),
        .library(name: "NorthstarCore", targets: ["NorthstarCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CYAML", path: "Sources/CYAML"),
        .systemLibrary(name: "CInotifyTools", path: "Sources/CInotifyTools"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CSpawn", path: "Sources/CSpawn"),
        .systemLibrary(name: "CFileRange", path: "Sources/CFileRange"),
        .target(
            name: "NorthstarCore",
            dependencies: ["CYAML"],
            swiftSettings: strict
        ),
        .target(
            name: "NorthstarShell",
            dependencies: ["NorthstarCore", "CMalloc", "CFileRange"],
            swiftSettings: strict
        ),
        .target(
            name: "NorthstarDaemon",
            dependencies: [
                "NorthstarCore",
                "NorthstarShell",
                "CInotifyTools",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NorthstarCLI",
            dependencies: [
                "NorthstarCore",
                "NorthstarShell",
                "NorthstarDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "northstar",
            dependencies: ["NorthstarCLI"],
            swiftSettings: strict
        ),
        .target(
            name: "NorthstarProbe",
            dependencies: ["CSpawn"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "northstar-bench",
            dependencies: [
                "NorthstarProbe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/NorthstarBench",
            swiftSettings: strict
        ),
        .testTarget(
            name: "NorthstarCoreTests",
            dependencies: [
                "NorthstarCore",
                "NorthstarProbe",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NorthstarDaemonTests",
            dependencies: ["NorthstarDaemon", "CInotifyTools", "NorthstarProbe"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NorthstarShellTests",
            dependencies: ["NorthstarCore", "NorthstarShell", "NorthstarProbe"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NorthstarIntegrationTests",
            dependencies: ["NorthstarCore", "NorthstarShell", "NorthstarProbe", "northstar", "northstar-bench"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
    ]
)
