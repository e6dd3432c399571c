// Question–answer text: short chains of thought (stands in for OpenMathInstruct-2 style
// data) and long exploratory ones with self-checks, backtracking and a second method
// (stands in for OpenR1-style distilled traces). Both end in \boxed{answer}.

import Foundation
import OctoBase

enum LabQA {
    static func workSteps(_ p: LabProblem) -> [String] {
        p.steps.filter { !$0.hasPrefix("So the answer is") }
    }

    /// "Question: …\nAnswer: <2–4 lines>\nThe answer is \boxed{…}."
    static func short(_ p: LabProblem, rng: inout RNG) -> String {
        var steps = workSteps(p)
        if steps.count > 3 { steps = [steps[0]] + steps.suffix(2) }
        let header = rng.pick(["Question: ", "Question: ", "Problem: ", "Q: "])
        let answerHead = header == "Q: " ? "A: " : header == "Problem: " ? "Solution: " : "Answer: "
        let final = rng.pick(["The answer is $\\boxed{\(p.answer.latex)}$.", "So the answer is $\\boxed{\(p.answer.latex)}$.",
                              "Final answer: $\\boxed{\(p.answer.latex)}$."])
        return header + p.question + "\n" + answerHead + steps.joined(separator: "\n") + "\n" + final
    }

    static let openers = ["Okay, let me think about this carefully.", "Let me start by understanding what the problem is asking.",
                          "Hmm, let's see.", "Alright, I need to work through this step by step.", "Let me read the problem again slowly."]
    static let connectors = ["First, ", "Next, ", "Then ", "Now ", "After that, ", "So ", "Continuing, "]
    static let verifyOpeners = ["Wait, let me verify this.", "Wait, let me double-check that.", "Hold on, let me make sure this is right.",
                                "Let me check this another way."]
    static let backtracks = ["Wait, that doesn't look right. Let me redo that step.", "Hmm, that can't be right. I think I made an arithmetic slip.",
                             "Actually, wait. Let me recompute that more carefully.", "No, that's wrong. Going back one step."]

    /// A long exploratory chain of thought ending in \boxed{…}.
    static func long(_ p: LabProblem, rng: inout RNG) -> String {
        var lines: [String] = []
        let header = rng.pick(["Question: ", "Problem: "])
        lines.append(header + p.question)
        lines.append((header == "Problem: " ? "Solution: " : "Answer: ") + rng.pick(openers))
        lines.append(restate(p, rng: &rng))
        let steps = workSteps(p)
        let slip = steps.isEmpty ? -1 : (rng.chance(0.6) ? rng.int(0...(steps.count - 1)) : -1)
        for (i, step) in steps.enumerated() {
            let lead = i == 0 ? "First, " : rng.pick(connectors)
            if i == slip {
                lines.append(lead + lowerFirst(LabText.corrupt(step, rng: &rng)))
                lines.append(rng.pick(backtracks))
                lines.append(step)
            } else {
                lines.append(lead + lowerFirst(step))
            }
            if rng.chance(0.25) { lines.append(rng.pick(["That seems reasonable so far.", "Okay.", "Good, that part is straightforward.", "Let me keep going."])) }
        }
        lines.append("So I get \(p.answer.latex).")
        lines.append(rng.pick(verifyOpeners))
        lines.append(contentsOf: p.check)
        if rng.chance(0.5) {
            lines.append(rng.pick(["Let me also try a second method to be sure.", "Another way to see it:"]))
            lines.append(contentsOf: steps.suffix(2).map { "Redoing it: " + lowerFirst($0) })
        }
        lines.append(rng.pick(["Both ways agree, so I'm confident.", "Yes, that matches.", "Everything is consistent."]))
        lines.append(rng.pick(["So the answer is $\\boxed{\(p.answer.latex)}$.", "Therefore, the final answer is $\\boxed{\(p.answer.latex)}$.",
                               "**Final Answer**\n$\\boxed{\(p.answer.latex)}$"]))
        return lines.joined(separator: "\n")
    }

    /// A sentence restating the goal, taken from the question's last sentence.
    static func restate(_ p: LabProblem, rng: inout RNG) -> String {
        let q = p.question
        guard let mark = q.lastIndex(of: "?") else {
            return rng.pick(["The goal is to find the exact value asked for.", "So we need to compute the requested value exactly."])
        }
        let head = q[..<mark]
        let start = head.lastIndex(where: { $0 == "." || $0 == "?" || $0 == "!" }).map { head.index(after: $0) } ?? head.startIndex
        let last = String(head[start...]).trimmingCharacters(in: .whitespaces)
        return rng.pick(["So the question is: \(lowerFirst(last))?", "In other words, I need to answer: \(lowerFirst(last))?",
                         "We want to know: \(lowerFirst(last))?"])
    }

    static func lowerFirst(_ s: String) -> String {
        guard let f = s.first, f.isUppercase, !(s.dropFirst().first?.isUppercase ?? false) else { return s }
        // Keep capitals on names (a capital followed by lower-case letters then a space is
        // ambiguous; lower only common sentence openers).
        let openers = ["The ", "After ", "Each ", "Together ", "In ", "Over ", "One ", "Per ", "Doubling", "Tripling", "Split ", "Multiply ",
                       "Put ", "Subtract ", "Divide ", "Expand", "Move ", "Clear ", "Write ", "Then ", "From ", "Since ", "By ", "So ", "This ",
                       "There ", "Fix ", "Use ", "Each ", "Start ", "Let ", "Time ", "Alone ", "Left ", "Total ", "Reduce ", "Adding ", "Listing "]
        return openers.contains(where: { s.hasPrefix($0) }) ? f.lowercased() + s.dropFirst() : s
    }
}
