// Locating Tests/Fixtures and reading reference.json for model parity tests.
import Foundation
import XCTest
@testable import OctoModel
import OctoTensor

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixturesHF = packageRoot.appendingPathComponent("Tests/Fixtures/hf")

func loadReference(_ folder: String) throws -> [String: Any] {
    let data = try Data(contentsOf: fixturesHF.appendingPathComponent(folder).appendingPathComponent("reference.json"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
}

func doubles(_ x: Any?) -> [Double] { (x as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? [] }
func ints(_ x: Any?) -> [Int] { (x as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } ?? [] }

/// Loads a fixture model folder through the public loader.
func loadFixtureModel(_ folder: String) throws -> DecoderModel {
    try DecoderModel.load(folder: fixturesHF.appendingPathComponent(folder))
}
