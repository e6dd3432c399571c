import XCTest
@testable import OctoBindings
@testable import OctoSession

/// One name per corpus (lab_web = lab:web) and file errors in the project's words.
final class NamesAndErrorsTests: XCTestCase {
    let model = packageRoot.appendingPathComponent("Tests/Fixtures/hf/tiny-llama").path

    func run(_ cells: [String]) -> (String, String, [CellOutcome]) {
        var out = "", err = ""
        let session = Session(write: { out += $0 }, writeError: { err += $0 })
        let outcomes = cells.map { session.submit($0) }
        return (out, err, outcomes)
    }

    func testLabCorpusNamesWithUnderscoreOrColonAreTheSame() {
        let (out, err, outcomes) = run(["m = load(\"\(model)\")",
                                        "a = phase(m, \"lab_web\", tokens=2000, batch_tokens=512, seq_len=32)",
                                        "b = phase(m, \"lab:web\", tokens=2000, batch_tokens=512, seq_len=32)",
                                        "print(a.total_steps == b.total_steps)", "corpus(\"lab:wbe\")"])
        XCTAssertEqual(outcomes, [.ok, .ok, .ok, .ok, .failed], err)
        XCTAssertEqual(out, "true\n")
        XCTAssertTrue(err.contains("unknown lab corpus 'lab:wbe'; did you mean 'lab:web'?"), err)
    }

    func testMissingCheckpointsAndFilesAreNamedWithoutFoundationText() {
        let (_, err, outcomes) = run(["resume(\"/missing\")", "resume(\"\(model)\")", "load(\"/missing\")"])
        XCTAssertEqual(outcomes, [.failed, .failed, .failed])
        XCTAssertTrue(err.contains("no checkpoint folder at /missing"), err)
        XCTAssertTrue(err.contains("is not a phase checkpoint: it has no trainer_state.json"), err)
        XCTAssertFalse(err.contains("NSCocoaErrorDomain") || err.contains("UserInfo"), err)
    }

    func testFileErrorMessageNamesThePath() {
        let error = NSError(domain: NSCocoaErrorDomain, code: NSFileReadNoSuchFileError, userInfo: [NSFilePathErrorKey: "/x/y.json"])
        XCTAssertEqual(fileErrorMessage(error), "cannot read /x/y.json: no such file or folder")
        XCTAssertNil(fileErrorMessage(NSError(domain: "other", code: 1)))
    }

    func testUnderscoreIsTheLastValueAndQuestionMarkAsksForHelp() {
        let (out, err, outcomes) = run(["2 + 3", "_ * 10", "len?", "?sorted", ":vars", "a?b"])
        XCTAssertEqual(outcomes, [.ok, .ok, .ok, .ok, .ok, .failed], err)
        XCTAssertTrue(out.hasPrefix("5\n50\nlen(x)\n"), out)
        XCTAssertTrue(out.contains("sorted(items: iterable"), out)
        XCTAssertFalse(out.contains("  _ "), ":vars leaves out _")
        XCTAssertNil(Session.helpQuery("?x?"))
        XCTAssertEqual(Session.helpQuery("rl.run?"), "rl.run")
    }
}
