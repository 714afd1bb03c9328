// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "phonedesk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "phonedesk", targets: ["phonedesk"]),
        .executable(name: "phonedesk-bench", targets: ["phonedesk-bench"]),
    ],
    targets: [
        // The system's ncursesw; shim.h turns on the wide-char API and wraps C globals/macros.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        // Async-signal-safe terminal restore for crash signals; must be C, not Swift.
        .target(name: "CTermRestore"),
        .target(name: "PhoneDeskCore"),
        // posix_spawn with a deadline, for the editor, the benchmark and the tests.
        .target(name: "PhoneDeskProcess"),
        .target(name: "PhoneDeskUI", dependencies: ["PhoneDeskCore"]),
        // Performs the store-bound effects and returns their results as messages (no curses).
        .target(name: "PhoneDeskEffects", dependencies: ["PhoneDeskUI", "PhoneDeskCore"]),
        .target(name: "PhoneDeskTerminal", dependencies: ["CNcurses", "CTermRestore", "PhoneDeskUI", "PhoneDeskCore", "PhoneDeskProcess",
                                                          "PhoneDeskEffects"]),
        // The UI target is pure (no curses): the CLI uses its filter matching; Effects: the SIP resync.
        .target(name: "PhoneDeskCLI", dependencies: ["PhoneDeskCore", "PhoneDeskUI", "PhoneDeskEffects"]),
        .executableTarget(name: "phonedesk", dependencies: ["PhoneDeskTerminal", "PhoneDeskUI", "PhoneDeskCore", "PhoneDeskCLI"]),
        // Numbers for docs/performance.md: `swift run -c release phonedesk-bench`.
        .executableTarget(name: "phonedesk-bench", dependencies: ["PhoneDeskTerminal", "PhoneDeskUI", "PhoneDeskCore", "PhoneDeskProcess",
                                                               "PhoneDeskEffects"]),
        .testTarget(name: "PhoneDeskCoreTests", dependencies: ["PhoneDeskCore"], exclude: ["Goldens"]),
        .testTarget(name: "PhoneDeskUITests", dependencies: ["PhoneDeskUI", "PhoneDeskCore"],
                    exclude: ["Goldens"]),
        .testTarget(name: "PhoneDeskCLITests", dependencies: ["PhoneDeskCLI", "PhoneDeskCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PhoneDeskCore", "PhoneDeskProcess"]),
        .testTarget(name: "RobustnessTests", dependencies: ["PhoneDeskCore", "PhoneDeskProcess"]),
        // The running loop's seam: update with every effect performed against a real store.
        .testTarget(name: "OperatorSimulationTests", dependencies: ["PhoneDeskEffects", "PhoneDeskUI", "PhoneDeskCore"]),
    ],
    swiftLanguageModes: [.v6]
)
