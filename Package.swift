// swift-tools-version:5.9
// octorepl — a notebook-style, scriptable REPL for studying how mid-training shapes RL of
// language models (after OctoThinker, arXiv 2506.20512). Layers: see Docs/Architecture.md.
import PackageDescription

/// Kernels are compiled with full optimisation even in debug builds of the tests would be
/// nice, but SwiftPM does not allow per-target -O in debug; the Makefile builds tests in release.
let engineSettings: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "octorepl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "octorepl", targets: ["octorepl"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    targets: [
        // System libraries (module maps only).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CReadline", pkgConfig: "readline",
                       providers: [.apt(["libreadline-dev"])]),

        // Floating-point control (FTZ/DAZ) that Swift cannot express.
        .target(name: "CSupport", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]),

        // Engines (plain Swift libraries, usable without the language).
        .target(name: "OctoTensor", dependencies: ["CBLAS", "CSupport"], swiftSettings: engineSettings),
        .target(name: "OctoTokenizer", swiftSettings: engineSettings),
        .target(name: "OctoModel", dependencies: ["OctoTensor", "OctoTokenizer"], swiftSettings: engineSettings),
        .target(name: "OctoData", dependencies: ["OctoTokenizer", "OctoTensor"], swiftSettings: engineSettings),
        .target(name: "OctoTrain", dependencies: ["OctoModel", "OctoData"], swiftSettings: engineSettings),
        .target(name: "OctoEval", dependencies: ["OctoModel", "OctoData"], swiftSettings: engineSettings),
        .target(name: "OctoRL", dependencies: ["OctoTrain", "OctoEval", "OctoModel"], swiftSettings: engineSettings),

        // The language and the terminal.
        .target(name: "OctoScript"),
        .target(name: "OctoTerm", dependencies: ["OctoTensor"]),
        .target(name: "OctoBindings", dependencies: [
            "OctoScript", "OctoTerm", "OctoTensor", "OctoTokenizer", "OctoModel",
            "OctoData", "OctoTrain", "OctoEval", "OctoRL",
        ]),

        // The session (cells, transcript, :magics) and the command line, driven by the
        // executable's REPL and by tests without a terminal.
        .target(name: "OctoSession", dependencies: ["OctoBindings", "OctoScript", "OctoTerm", "OctoEval"]),

        // Executables.
        .executableTarget(name: "octorepl", dependencies: ["OctoSession", "OctoBindings", "OctoScript", "CReadline"]),
        .executableTarget(name: "bench", dependencies: [
            "CBLAS", "OctoTensor", "OctoTokenizer", "OctoModel", "OctoData", "OctoTrain", "OctoEval", "OctoRL", "OctoScript",
        ], swiftSettings: engineSettings),

        // Tests: one target per source target.
        .testTarget(name: "OctoTensorTests", dependencies: ["OctoTensor"]),
        .testTarget(name: "OctoTokenizerTests", dependencies: ["OctoTokenizer"]),
        .testTarget(name: "OctoModelTests", dependencies: ["OctoModel", "OctoTokenizer"]),
        .testTarget(name: "OctoDataTests", dependencies: ["OctoData"]),
        .testTarget(name: "OctoTrainTests", dependencies: ["OctoTrain"]),
        .testTarget(name: "OctoEvalTests", dependencies: ["OctoEval", "OctoData"]),
        .testTarget(name: "OctoRLTests", dependencies: ["OctoRL"]),
        .testTarget(name: "OctoScriptTests", dependencies: ["OctoScript"]),
        .testTarget(name: "OctoTermTests", dependencies: ["OctoTerm"]),
        .testTarget(name: "OctoBindingsTests", dependencies: ["OctoBindings", "OctoSession"]),
        .testTarget(name: "OctoreplTests", dependencies: ["OctoSession", "OctoBindings", "OctoTerm"]),
    ]
)
