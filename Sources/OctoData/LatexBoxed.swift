// Finding `\boxed{...}` in LaTeX, as MATH solutions mark their answer. A name kept for
// callers; the one implementation is AnswerExtraction (rule 1, several-box rules included).

/// Helpers for the `\boxed{}` answer convention of MATH and of the lab's QA text.
public enum LatexBoxed {
    /// The content of the last `\boxed{...}` or `\fbox{...}` in `text` (with the boxes chained
    /// to it, `a, b`), braces balanced; nil when there is none or its braces never close.
    public static func lastBoxed(in text: String) -> String? {
        AnswerExtraction.boxed(in: text)
    }
}
