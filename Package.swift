// swift-tools-version:6.0
import PackageDescription

// Targets, bottom up (arrows point one way):
//   CLua (system lua5.4) → CLuaBridge (C: the only code that raises Lua errors)
//   → LuaHost (domain-free Swift wrapper) → huzhu (CLI)
//   HuzhuValues (Money, CivilDate, ResidentID, Phone, reason codes, CSV and output
//   files; no GRDB, no TOMLKit) → HuzhuReport (report model and renderers)
//   HuzhuValues → HuzhuCore (domain: services hold the rules, stores the SQL; the one
//   door into a transaction, HuzhuDatabase.write(_:scope:hooks:_:); knows nothing of Lua)
//   HuzhuCore → HuzhuDemo (the demo city and sample files, through the public services)
//   HuzhuScripting (the `huzhu` Lua module: LuaHost over HuzhuCore) → huzhu
// GRDB and TOMLKit are dependencies of HuzhuCore only.
let package = Package(
    name: "Huzhu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "huzhu", targets: ["huzhu"]),
        .library(name: "LuaHost", targets: ["LuaHost"]),
        .library(name: "HuzhuValues", targets: ["HuzhuValues"]),
        .library(name: "HuzhuCore", targets: ["HuzhuCore"]),
        .library(name: "HuzhuReport", targets: ["HuzhuReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaBridge", dependencies: ["CLua"]),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LuaHost", dependencies: ["CLua", "CLuaBridge"]),
        .target(name: "HuzhuValues"),
        .target(name: "CSQLiteHardening", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "HuzhuCore",
            dependencies: [
                "HuzhuValues",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CSQLiteHardening",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(name: "HuzhuReport", dependencies: ["HuzhuValues"]),
        .target(name: "HuzhuDemo", dependencies: ["HuzhuCore"]),
        .target(
            name: "HuzhuScripting",
            dependencies: [
                "LuaHost", "HuzhuCore", "HuzhuReport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "HuzhuTestSupport",
            dependencies: ["HuzhuCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "huzhu",
            dependencies: [
                "LuaHost",
                "HuzhuCore",
                "HuzhuDemo",
                "HuzhuScripting",
                "HuzhuReport",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"]),
        .testTarget(name: "HuzhuValuesTests", dependencies: ["HuzhuValues"]),
        .testTarget(name: "HuzhuCoreTests", dependencies: ["HuzhuCore"]),
        .testTarget(name: "HuzhuDemoTests", dependencies: ["HuzhuDemo", "HuzhuCore"]),
        // The golden files are read from the source tree by path, not bundled.
        .testTarget(name: "HuzhuReportTests", dependencies: ["HuzhuReport", "HuzhuValues"], exclude: ["Golden"]),
        .testTarget(name: "HuzhuScriptingTests", dependencies: ["HuzhuScripting", "HuzhuTestSupport"]),
        // Year/ holds the whole-year test's CSV, TOML and Lua files, read from the source tree.
        .testTarget(name: "HuzhuCLITests", dependencies: ["huzhu", "HuzhuTestSupport"], exclude: ["Year", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
