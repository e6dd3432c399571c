// octorepl — entry point. The command line lives in OctoBindings (OctoCLI, testable); this
// file supplies the terminal REPL and runs everything on a thread with a large stack.
import Foundation
import Glibc
import OctoBindings

let arguments = Array(CommandLine.arguments.dropFirst())
let interactive = isatty(0) == 1
Interrupt.prepare()
let status = ScriptThread.run {
    OctoCLI.main(arguments, stdinIsTerminal: interactive, interactive: { REPL.run() })
}
exit(status)
