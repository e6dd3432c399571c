import Foundation
import XCTest

/// Test fixtures under `<package root>/Tests/Fixtures/grader`.
enum GraderFixtures {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var casesURL: URL { packageRoot.appendingPathComponent("Tests/Fixtures/grader/cases.jsonl") }
    static var behaviourURL: URL { packageRoot.appendingPathComponent("Tests/Fixtures/grader/behaviour-cases.jsonl") }

    /// A line of behaviour-cases.jsonl (see Tests/Fixtures/grader/README.md).
    struct BehaviourCase {
        var id: String, category: String, style: String, gold: String, response: String
        var expected: Bool, intended: Bool, differs: String?
    }

    static func loadBehaviourCases() throws -> [BehaviourCase] {
        let text = try String(contentsOf: behaviourURL, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return BehaviourCase(id: try XCTUnwrap(o["id"] as? String), category: try XCTUnwrap(o["cat"] as? String),
                                 style: try XCTUnwrap(o["style"] as? String), gold: try XCTUnwrap(o["gold"] as? String),
                                 response: try XCTUnwrap(o["response"] as? String),
                                 expected: try XCTUnwrap(o["expected"] as? Bool), intended: try XCTUnwrap(o["intended"] as? Bool),
                                 differs: o["octorepl_differs"] as? String)
        }
    }

    struct Case {
        var id: String, style: String, gold: String, response: String
        var expected: Bool, intended: Bool, questionable: Bool, form: String, variant: String
    }

    static func loadCases() throws -> [Case] {
        let text = try String(contentsOf: casesURL, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let o = try XCTUnwrap(object as? [String: Any])
            return Case(id: try XCTUnwrap(o["id"] as? String), style: try XCTUnwrap(o["style"] as? String),
                        gold: try XCTUnwrap(o["gold"] as? String), response: try XCTUnwrap(o["response"] as? String),
                        expected: try XCTUnwrap(o["expected"] as? Bool), intended: try XCTUnwrap(o["intended"] as? Bool),
                        questionable: try XCTUnwrap(o["mv_questionable"] as? Bool),
                        form: o["form"] as? String ?? "", variant: o["variant_tag"] as? String ?? "")
        }
    }
}
