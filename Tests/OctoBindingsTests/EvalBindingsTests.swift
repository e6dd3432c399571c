import Foundation
import XCTest
@testable import OctoBindings
import OctoSession

/// grade / extract / template / evaluate from OctoScript cells, and `octorepl grade`.
final class EvalBindingsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tiny = root.appendingPathComponent("Tests/Fixtures/hf/tiny-llama").path

    private func session() -> (Session, () -> String, () -> String) {
        InterruptibleProgress.barsEnabled = false
        var out = "", err = ""
        let s = Session(write: { out += $0 }, writeError: { err += $0 })
        return (s, { defer { out = "" }; return out }, { defer { err = "" }; return err })
    }

    func testGradeExtractAndTemplates() {
        let (s, out, err) = session()
        XCTAssertEqual(s.submit(#"g = grade("1/2", "So the answer is $\\boxed{0.5}$.")"#), .ok, err())
        XCTAssertEqual(s.submit(#"g["correct"], g["pred"]"#), .ok); XCTAssertEqual(out(), "[true, \"0.5\"]\n")
        XCTAssertEqual(s.submit(#"grade(18, "She has 18 apples.", style="gsm8k")["correct"]"#), .ok); XCTAssertEqual(out(), "true\n")
        XCTAssertEqual(s.submit(#"grade("7", "The answer is", style="math")"#), .ok)
        XCTAssertEqual(out(), "{\"pred\": nil, \"correct\": false}\n")
        XCTAssertEqual(s.submit(#"extract("3 + 4 = 7.\n#### 7", style="gsm8k"), extract("no answer here")"#), .ok)
        XCTAssertEqual(out(), "[\"7\", nil]\n")
        XCTAssertEqual(s.submit(#"extract("x", style="chem")"#), .failed)
        XCTAssertTrue(err().contains("unknown style 'chem'; styles: gsm8k, math, amc, olympiad"))
        XCTAssertEqual(s.submit("templates()"), .ok)
        XCTAssertEqual(out(), "[\"gsm8k-8shot\", \"minerva-4shot\", \"r1-zero\", \"step-by-step\"]\n")
        XCTAssertEqual(s.submit(#"t = template("gsm8k", question="What is 2+2?", shots=1)"#), .ok)
        XCTAssertEqual(s.submit("print(t)"), .ok)
        XCTAssertEqual(out(), "Question: There are 15 trees in the grove. Grove workers will plant trees in the grove today. After they are done, there will be 21 trees. How many trees did the grove workers plant today?\nAnswer: There are 15 trees originally. Then there were 21 trees after some more were planted. So there must have been 21 - 15 = 6. The answer is 6.\n\nQuestion: What is 2+2?\nAnswer:\n")
        XCTAssertEqual(s.submit(#"print(template("step-by-step", question="1+1?"))"#), .ok)
        XCTAssertEqual(out(), "1+1?\nLet's think step by step and output the final answer within \\boxed{}.\n")
        XCTAssertEqual(s.submit(#"len(template("minerva").split("Final Answer:"))"#), .ok); XCTAssertEqual(out(), "5\n")
        XCTAssertEqual(s.submit(#"print(template("minerva", shots=[{"question": "Q1", "answer": "A1"}], question="Q2"))"#), .ok)
        XCTAssertEqual(out(), "Problem:\nQ1\n\nSolution:\nA1\n\nProblem:\nQ2\n\nSolution:\n")
        XCTAssertEqual(s.submit(#"template("chat")"#), .failed)
        XCTAssertTrue(err().contains("unknown template 'chat'"))
    }

    func testEvaluateReportFromACell() throws {
        let (s, out, err) = session()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalbind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(s.submit("m = load(\"\(Self.tiny)\")"), .ok, err())
        XCTAssertEqual(s.submit(#"r = evaluate({"tiny": m}, "lab:gsm", shots=0, max_tokens=8, limit=3)"#), .ok, err())
        XCTAssertEqual(s.submit(#"len(r.samples), r.rows[0]["problems"], r.rows[0]["template"], r.models, r.benchmarks, r.complete"#), .ok, err())
        XCTAssertEqual(out(), "[3, 3, \"step-by-step\", [\"tiny\"], [\"lab:gsm\"], true]\n")
        XCTAssertEqual(s.submit(#"len(r.where(correct=false)) + len(r.where(correct=true)), len(r.where(benchmark="lab:math"))"#), .ok)
        XCTAssertEqual(out(), "[3, 0]\n")
        XCTAssertEqual(s.submit(#"r.accuracy("lab:gsm") == r.rows[0]["accuracy"]"#), .ok); XCTAssertEqual(out(), "true\n")
        XCTAssertEqual(s.submit(#"x = r.samples[0]"#), .ok)
        XCTAssertEqual(s.submit(#"x.prompt.startswith(problems("lab:gsm", 1)[0].prompt), len(x.ids) == len(x.logprobs), len(x.entropies) == len(x.ids), x.model, x.benchmark, type(x.sample), x.sample.ids == x.ids, x.prompt_ids == m.tokenizer.encode(x.prompt), x.gold == problems("lab:gsm", 1)[0].gold"#), .ok, err())
        XCTAssertEqual(out(), "[true, true, true, \"tiny\", \"lab:gsm\", \"Sample\", true, true, true]\n")
        XCTAssertEqual(s.submit(#"r.table.markdown().startswith("| benchmark")"#), .ok, err()); XCTAssertEqual(out(), "true\n")
        XCTAssertEqual(s.submit("r"), .ok)
        XCTAssertTrue(out().contains("│ lab:gsm   │ tiny  │ step-by-step │"))
        XCTAssertEqual(s.submit(#"r.accuracy("lab:amc")"#), .failed)
        XCTAssertTrue(err().contains("no benchmark 'lab:amc' in this report; benchmarks: lab:gsm"))
        let csv = dir.appendingPathComponent("r.csv").path, json = dir.appendingPathComponent("r.json").path
        XCTAssertEqual(s.submit("r.save(\"\(csv)\")\nr.save(\"\(json)\")"), .ok, err())
        XCTAssertEqual(try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").count, 2)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        XCTAssertEqual((object?["samples"] as? [Any])?.count, 3)
        // Bad arguments are located script errors.
        XCTAssertEqual(s.submit(#"evaluate(m, "lab:gsm", n=1, k=2, limit=1, max_tokens=4)"#), .failed)
        XCTAssertTrue(err().contains("k must be in 1…n (n = 1), got 2"))
        XCTAssertEqual(s.submit(#"evaluate([m, 3], "lab:gsm")"#), .failed)
        XCTAssertTrue(err().contains("models[1] must be a Model, got int"))
    }

    func testEvaluateReplaysFromTheSessionSeedAndTakesProblemLists() {
        func run() -> String {
            let (s, out, err) = session()
            let cell = "seed(3)\nm = load(\"\(Self.tiny)\")\nr = evaluate([m], problems(\"lab:gsm\", 2), shots=0, n=2, k=2, temperature=1.0, max_tokens=6)\n"
                + "ids = []\nfor x in r.samples { ids.append(x.ids) }\nids, r.models, r.rows[0][\"template\"]\n"
            XCTAssertEqual(s.submit(cell), .ok, err())
            return out()
        }
        let a = run()
        XCTAssertEqual(a, run())
        XCTAssertTrue(a.hasSuffix("[\"model0\"], \"step-by-step\"]\n"), a)
    }

    func testGradeCommand() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradecli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("cases.jsonl"), output = dir.appendingPathComponent("pred.jsonl")
        try """
        {"id": 1, "gold": "\\\\frac{1}{2}", "response": "The answer is $\\\\boxed{0.5}$."}
        {"id": 2, "gold": "3", "response": oops}
        {"id": "c", "gold": "18", "response": "She has 18 apples.", "style": "gsm8k"}
        {"id": 4, "gold": "5"}

        """.write(to: input, atomically: true, encoding: .utf8)
        func cli(_ args: [String]) -> (Int32, String, String) {
            var out = "", err = ""
            let status = OctoCLI.main(["grade"] + args, context: CLIContext(write: { out += $0 }, writeError: { err += $0 }),
                                      stdinIsTerminal: false, interactive: { 99 })
            return (status, out, err)
        }
        let (status, out, err) = cli(["--in", input.path, "--out", output.path])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(err, "\(input.path):2: not valid JSON\n\(input.path):4: missing field 'response'\n")
        XCTAssertEqual(out, "graded 2 of 4 lines: 2 correct (100.0%); gsm8k 1/1, math 1/1; 2 malformed → \(output.path)\n")
        XCTAssertEqual(try String(contentsOf: output, encoding: .utf8),
                       "{\"id\": 1, \"pred\": \"0.5\", \"correct\": true}\n{\"id\": \"c\", \"pred\": \"18\", \"correct\": true}\n")
        let missing = cli(["--in", dir.appendingPathComponent("none.jsonl").path, "--out", output.path])
        XCTAssertEqual(missing.0, 1); XCTAssertTrue(missing.2.hasPrefix("octorepl grade: cannot read"), missing.2)
        XCTAssertEqual(cli(["--in", input.path]).0, 2)
        XCTAssertEqual(cli(["--in", input.path, "--out", output.path, "--style", "chem"]).0, 2)
        XCTAssertTrue(OctoCLI.helpText.contains("octorepl grade --in --out"))
    }
}
