// octorepl — entry point. Prints its version for now; the REPL arrives with the language issue.
import Foundation
import OctoBindings

let octoreplVersion = "0.1.0"
let args = CommandLine.arguments.dropFirst()
if args.contains("--version") {
    print("octorepl \(octoreplVersion)")
} else {
    print("octorepl \(octoreplVersion) — the REPL is not built yet (see Docs/Tutorial.md)")
}
