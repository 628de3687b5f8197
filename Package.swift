// swift-tools-version: 6.0
import PackageDescription

/// Test code is compiled without optimization: `make test` builds the library modules optimized
/// (the numeric reference tests run 15 times faster), while optimizing the tests themselves only
/// adds build time on a 2-core machine (CLI and SEM tests: 42 s against 24 s).
let testSettings: [SwiftSetting] = [.unsafeFlags(["-Onone"])]

/// TrustPath: survey research on trust in social cross-border e-commerce, on the GNU Scientific Library.
/// Module layout follows ARCHITECTURE.md: CGSL is reached only through TrustPathLinalg.
let package = Package(
    name: "TrustPath",
    products: [
        .executable(name: "trustpath", targets: ["trustpath"]),
        .library(name: "TrustPathLinalg", targets: ["TrustPathLinalg"]),
        .library(name: "TrustPathSurvey", targets: ["TrustPathSurvey"]),
        .library(name: "TrustPathResampling", targets: ["TrustPathResampling"]),
        .library(name: "TrustPathReport", targets: ["TrustPathReport"]),
        .library(name: "TrustPathModelSpec", targets: ["TrustPathModelSpec"]),
        .library(name: "TrustPathSEM", targets: ["TrustPathSEM"]),
        .library(name: "TrustPathRegression", targets: ["TrustPathRegression"]),
        .library(name: "TrustPathPsychometrics", targets: ["TrustPathPsychometrics"]),
        .library(name: "TrustPathPLS", targets: ["TrustPathPLS"]),
        .library(name: "TrustPathImport", targets: ["TrustPathImport"]),
        .library(name: "TrustPathStudy", targets: ["TrustPathStudy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .systemLibrary(name: "CReadStat"),
        .target(name: "TrustPathLinalg", dependencies: ["CGSL"]),
        .target(name: "TrustPathSurvey", dependencies: ["TrustPathLinalg", .product(name: "Yams", package: "Yams")]),
        .target(name: "TrustPathModelSpec"),
        .target(name: "TrustPathResampling", dependencies: ["TrustPathLinalg"]),
        .target(name: "TrustPathImport", dependencies: ["CReadStat", "TrustPathSurvey", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "TrustPathSEM", dependencies: ["TrustPathLinalg", "TrustPathModelSpec", "TrustPathSurvey", "TrustPathResampling"]),
        .target(name: "TrustPathRegression", dependencies: ["TrustPathLinalg", "TrustPathSurvey", "TrustPathResampling"]),
        .target(
            name: "TrustPathPsychometrics",
            dependencies: ["TrustPathLinalg", "TrustPathSurvey", "TrustPathModelSpec", "TrustPathSEM", "TrustPathResampling"]),
        .target(
            name: "TrustPathPLS",
            dependencies: [
                "TrustPathLinalg", "TrustPathSurvey", "TrustPathModelSpec", "TrustPathSEM", "TrustPathPsychometrics",
                "TrustPathResampling",
            ]),
        .target(
            name: "TrustPathReport",
            dependencies: [
                "TrustPathSurvey", "TrustPathSEM", "TrustPathRegression", "TrustPathPsychometrics", "TrustPathPLS",
                "TrustPathResampling",
            ]),
        .target(
            name: "TrustPathStudy",
            dependencies: ["TrustPathSurvey", "TrustPathModelSpec", "TrustPathSEM", "TrustPathPsychometrics", "TrustPathRegression", "TrustPathReport", "TrustPathPLS",
                           "TrustPathImport", "TrustPathResampling",
                           .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "TrustPathCLI",
            dependencies: [
                "TrustPathSurvey", "TrustPathReport", "TrustPathSEM", "TrustPathModelSpec", "TrustPathRegression",
                "TrustPathPsychometrics", "TrustPathStudy", "TrustPathPLS", "TrustPathImport", "TrustPathResampling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "trustpath", dependencies: ["TrustPathCLI"]),
        .executableTarget(
            name: "notebook-01-reproduce-the-paper",
            dependencies: ["TrustPathStudy", "TrustPathSurvey", "TrustPathReport"],
            path: "Notebooks-as-scripts/01-reproduce-the-paper"
        ),
        .executableTarget(
            name: "notebook-02-campaign-test",
            dependencies: ["TrustPathStudy", "TrustPathReport", "TrustPathSEM"],
            path: "Notebooks-as-scripts/02-campaign-test"
        ),
        .executableTarget(
            name: "notebook-03-first-cfa-and-sem",
            dependencies: ["TrustPathSEM", "TrustPathModelSpec", "TrustPathReport", "TrustPathSurvey", "TrustPathLinalg", "TrustPathStudy"],
            path: "Notebooks-as-scripts/03-first-cfa-and-sem"
        ),
        .executableTarget(
            name: "notebook-04-culture-as-moderator",
            dependencies: ["TrustPathStudy", "TrustPathReport", "TrustPathSurvey"],
            path: "Notebooks-as-scripts/04-culture-as-moderator"
        ),
        .executableTarget(
            name: "notebook-05-planning-sample-size",
            dependencies: ["TrustPathStudy", "TrustPathSEM", "TrustPathModelSpec", "TrustPathReport", "TrustPathLinalg"],
            path: "Notebooks-as-scripts/05-planning-sample-size"
        ),
        .executableTarget(
            name: "trustpath-bench",
            dependencies: [
                "TrustPathSurvey", "TrustPathLinalg", "TrustPathSEM", "TrustPathModelSpec", "TrustPathPLS", "TrustPathResampling",
            ],
            path: "Sources/trustpath-bench"
        ),
        .testTarget(
            name: "TrustPathLinalgTests",
            dependencies: ["TrustPathLinalg"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
        .testTarget(name: "TrustPathModelSpecTests", dependencies: ["TrustPathModelSpec"], swiftSettings: testSettings),
        .testTarget(
            name: "TrustPathPsychometricsTests",
            dependencies: ["TrustPathPsychometrics", "TrustPathSurvey"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "TrustPathImportTests",
            dependencies: ["TrustPathImport", "TrustPathSurvey"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "TrustPathPLSTests",
            dependencies: ["TrustPathPLS", "TrustPathSurvey", "TrustPathResampling"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "TrustPathRegressionTests",
            dependencies: ["TrustPathRegression", "TrustPathSurvey", "TrustPathResampling"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "TrustPathSEMTests",
            dependencies: ["TrustPathSEM", "TrustPathSurvey", "TrustPathModelSpec", "TrustPathResampling"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "TrustPathSurveyTests",
            dependencies: ["TrustPathSurvey"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "TrustPathCLITests",
            dependencies: ["TrustPathCLI", "TrustPathSurvey", "TrustPathStudy", "TrustPathSEM", "TrustPathModelSpec", "TrustPathResampling"],
            resources: [.copy("Fixtures")],
            swiftSettings: testSettings
        ),
    ]
)
