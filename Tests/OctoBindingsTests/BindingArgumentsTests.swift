import Foundation
import XCTest
import OctoScript
@testable import OctoBindings

/// Binding arguments are stated once: each parameter's default lives only in its `Param`
/// declaration, and a binding that reads a name no signature declares is a bug.
final class BindingArgumentsTests: XCTestCase {
    /// Every registered builtin (the language's and every engine's): unique parameter names,
    /// defaults of the declared type.
    func testEveryRegisteredBuiltinDeclaresConsistentParameters() throws {
        let interp = Bindings.makeInterpreter()
        var walked: [String] = []
        for name in interp.builtinNames {
            guard case .native(let object)? = interp.builtin(name), let f = object as? NativeFunction else { continue }
            walked.append(name)
            let params = f.signature.params
            XCTAssertEqual(Set(params.map(\.name)).count, params.count, "\(name)() declares a parameter twice")
            for p in params {
                if let d = p.defaultValue {
                    XCTAssertNotNil(p.type.accept(d), "\(name)(\(p.name)): default \(d.repr) is not a \(p.type)")
                }
            }
        }
        for name in ["print", "load", "save", "model", "phase", "evaluate", "grpo", "inspect", "verdict"] {
            XCTAssertTrue(walked.contains(name), "the walk must see \(name)() (language and engines)")
        }
    }

    /// Every argument a binding reads by name (`a.int("x")`, `a.intArg("x")`, `a["x"]`, …) is
    /// declared by a `Param("x", …)` in the same file: a misspelt name cannot silently read nil.
    func testEveryArgumentReadIsDeclaredInItsFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files: [URL] = []
        for dir in ["Sources/OctoBindings", "Sources/OctoScript"] {
            let url = root.appendingPathComponent(dir)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".swift") {
                files.append(url.appendingPathComponent(name))
            }
        }
        let read = try NSRegularExpression(pattern: #"\b(?:a|args)(?:\.(?:int|double|string|bool|isNull|intArg|doubleArg|stringArg|boolArg)\(|\[)"([a-z_0-9]+)"[)\]]"#)
        let declared = try NSRegularExpression(pattern: #"Param\("([a-z_0-9]+)""#)
        var reads = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            let text = try String(contentsOf: file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            func names(_ re: NSRegularExpression) -> [String] {
                re.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
            }
            let params = Set(names(declared))
            for name in names(read) {
                reads += 1
                XCTAssertTrue(params.contains(name), "\(file.lastPathComponent) reads argument '\(name)' that no Param in the file declares")
            }
        }
        XCTAssertGreaterThan(reads, 200)
    }

    func testReadingAnUndeclaredNameIsRecorded() {
        let sig = Signature("probe_fn", [Param("n", .int, default: 3)])
        let bound = try? sig.bind(positional: [], keywords: [], at: nil)
        XCTAssertEqual(bound?.intArg("n"), 3, "the declared default is what the body reads")
        XCTAssertNil(bound?.int("m"))
        XCTAssertTrue(BoundArguments.undeclaredReads.contains("probe_fn(m)"), "\(BoundArguments.undeclaredReads)")
        XCTAssertEqual(bound?.stringArg("n"), "")
        XCTAssertTrue(BoundArguments.undeclaredReads.contains("probe_fn(n): not a String"))
    }

    func testEnumLikeArgumentsAreValidated() throws {
        let interp = Bindings.makeInterpreter()
        interp.output = { _ in }
        let dir = NSTemporaryDirectory() + "octo-dtype-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hf/tiny-llama").path
        _ = try interp.run("m = load(\"\(path)\")", name: "<test>")
        XCTAssertThrowsError(try interp.run("save(m, \"\(dir)\", dtype=\"fp16\")", name: "<test>")) { error in
            let e = error as? ScriptError
            XCTAssertEqual(e?.kind, .value)
            XCTAssertEqual(e?.message, #"argument 'dtype' of save() must be "f32" or "bf16", got "fp16""#)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir), "nothing is written for a rejected dtype")
        XCTAssertThrowsError(try interp.run("cosine_shape = wsd(shape=\"square\")", name: "<test>"))
        _ = try interp.run("save(m, \"\(dir)\", dtype=\"bf16\")", name: "<test>")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/config.json"))
    }
}
