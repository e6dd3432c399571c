import XCTest
@testable import OctoScript

final class SessionRewriteTests: XCTestCase {
    func testRewriteReplacesOutputsAndKeepsComments() {
        let text = "# a comment\nx = 1\nx + 1\n#=> 3\n\n# next\nprint(\"a\")\nprint(\"b\")\n#=> old\n"
        let out = SessionReplay.rewrite(text, outputs: [[], ["2"], ["a"], ["b"]])
        XCTAssertEqual(out, "# a comment\nx = 1\nx + 1\n#=> 2\n\n# next\nprint(\"a\")\n#=> a\nprint(\"b\")\n#=> b\n")
    }
}
