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

        // One of each utility (seeded generator, hash, JSON, progress protocol), shared by the
        // engines, the language and the terminal.
        .target(name: "OctoBase"),

        // Engines (plain Swift libraries, usable without the language).
        .target(name: "OctoTensor", dependencies: ["CBLAS", "CSupport", "OctoBase"], swiftSettings: engineSettings),
        .target(name: "OctoTokenizer", dependencies: ["OctoBase"], swiftSettings: engineSettings),
        .target(name: "OctoModel", dependencies: ["OctoBase", "OctoTensor", "OctoTokenizer"], swiftSettings: engineSettings),
        .target(name: "OctoData", dependencies: ["OctoBase"], swiftSettings: engineSettings),
        .target(name: "OctoTrain", dependencies: ["OctoBase", "OctoTensor", "OctoModel", "OctoData"], swiftSettings: engineSettings),
        .target(name: "OctoEval", dependencies: ["OctoBase", "OctoTensor", "OctoTokenizer", "OctoModel", "OctoData"], swiftSettings: engineSettings),
        .target(name: "OctoRL", dependencies: ["OctoBase", "OctoTensor", "OctoTokenizer", "OctoModel", "OctoData", "OctoTrain", "OctoEval"], swiftSettings: engineSettings),

        // The language and the terminal.
        .target(name: "OctoScript", dependencies: ["OctoBase"]),
        .target(name: "OctoTerm", dependencies: ["OctoBase"]),
        .target(name: "OctoBindings", dependencies: [
            "OctoBase", "OctoScript", "OctoTerm", "OctoTensor", "OctoTokenizer", "OctoModel",
            "OctoData", "OctoTrain", "OctoEval", "OctoRL",
        ]),

        // The session (cells, transcript, :magics) and the command line, driven by the
        // executable's REPL and by tests without a terminal.
        .target(name: "OctoSession", dependencies: ["OctoBindings", "OctoScript", "OctoTerm", "OctoEval", "OctoTensor"]),

        // Executables.
        .executableTarget(name: "octorepl", dependencies: ["CReadline", "OctoBindings", "OctoScript", "OctoSession"]),
        .executableTarget(name: "bench", dependencies: [
            "CBLAS", "CSupport", "OctoBase", "OctoTensor", "OctoTokenizer", "OctoModel", "OctoData", "OctoTrain", "OctoEval", "OctoRL",
        ], exclude: ["anchors"], swiftSettings: engineSettings),

        // Tests: one target per source target.
        .testTarget(name: "OctoBaseTests", dependencies: ["OctoBase"]),
        .testTarget(name: "OctoTensorTests", dependencies: ["OctoBase", "OctoTensor", "CSupport"]),
        .testTarget(name: "OctoTokenizerTests", dependencies: ["OctoBase", "OctoTokenizer"]),
        .testTarget(name: "OctoModelTests", dependencies: ["OctoBase", "OctoTensor", "OctoTokenizer", "OctoModel"]),
        .testTarget(name: "OctoDataTests", dependencies: ["OctoBase", "OctoData"]),
        .testTarget(name: "OctoTrainTests", dependencies: ["OctoBase", "OctoTensor", "OctoTokenizer", "OctoModel", "OctoData", "OctoTrain"]),
        .testTarget(name: "OctoEvalTests", dependencies: ["OctoBase", "OctoTensor", "OctoModel", "OctoData", "OctoEval"]),
        .testTarget(name: "OctoRLTests", dependencies: ["OctoBase", "OctoTensor", "OctoModel", "OctoData", "OctoTrain", "OctoRL"]),
        .testTarget(name: "OctoScriptTests", dependencies: ["OctoBase", "OctoScript"]),
        .testTarget(name: "OctoTermTests", dependencies: ["OctoBase", "OctoTerm"]),
        .testTarget(name: "OctoBindingsTests", dependencies: ["OctoTokenizer", "OctoModel", "OctoScript", "OctoTerm", "OctoBindings", "OctoSession"]),
        .testTarget(name: "OctoreplTests", dependencies: ["OctoTerm", "OctoBindings", "OctoSession", "OctoTensor"]),
    ]
)
