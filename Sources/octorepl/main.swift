// octorepl — entry point. The command line lives in OctoSession (OctoCLI, testable); this
// file supplies the terminal REPL and runs everything on a thread with a large stack.
import Foundation
import Glibc
import OctoScript
import OctoSession

let arguments = Array(CommandLine.arguments.dropFirst())
let interactive = isatty(0) == 1
Interrupt.prepare()
// SIGINT must reach the worker thread (so it interrupts readline's poll): block it here,
// in the main thread, and unblock it in the worker, which inherits the mask.
var interruptSet = sigset_t()
sigemptyset(&interruptSet)
sigaddset(&interruptSet, SIGINT)
pthread_sigmask(SIG_BLOCK, &interruptSet, nil)
let status = ScriptThread.run {
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    return OctoCLI.main(arguments, stdinIsTerminal: interactive, interactive: { REPL.run() })
}
exit(status)
