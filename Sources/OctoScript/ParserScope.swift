// Scope resolution done while parsing: names assigned inside a function are its locals
// (Python's rule); every other name is looked up in enclosing functions, then globals.

/// The names of one function body (or of the top level, where every name is global).
final class ParserScope {
    let isGlobal: Bool
    private(set) var slots: [String: Int] = [:]
    private(set) var names: [String] = []
    /// Uses of names in this body and in nested bodies that were not local there, with how
    /// many function levels up from the use this scope sits.
    private var pending: [(NameRef, Int)] = []
    var loopDepth = 0

    init(isGlobal: Bool) { self.isGlobal = isGlobal }

    /// Declares `name` as a local of this function (no-op at the top level).
    func declare(_ name: String) {
        guard !isGlobal, slots[name] == nil else { return }
        slots[name] = names.count
        names.append(name)
    }

    func use(_ ref: NameRef) { pending.append((ref, 0)) }

    /// How many uses are pending (a comprehension marks where its element starts).
    var pendingCount: Int { pending.count }

    /// Moves the uses pending in `outer` at positions `range` into this scope (a list
    /// comprehension's element is parsed before the parser knows it is one).
    func adopt(_ range: Range<Int>, from outer: ParserScope) {
        pending += outer.pending[range]
        outer.pending.removeSubrange(range)
    }

    /// Resolves every pending use; the ones not found here go to `parent`.
    func close(into parent: ParserScope?) {
        for (ref, depth) in pending {
            if !isGlobal, let slot = slots[ref.name] {
                ref.resolution = depth == 0 ? .local(slot) : .enclosing(depth: depth, slot: slot)
            } else if let parent {
                // Also into a global parent, which resolves it as a global when it closes:
                // until then a list comprehension around this body may adopt it.
                parent.pending.append((ref, depth + 1))
            } else {
                ref.resolution = .global
            }
        }
        pending = []
    }
}
