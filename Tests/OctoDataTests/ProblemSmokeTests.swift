import XCTest
@testable import OctoData

final class ProblemSmokeTests: XCTestCase {
    func testProblemIsCodableRoundTrip() throws {
        let p = Problem(id: "x", prompt: "1+1?", gold: "2", source: "test")
        let back = try JSONDecoder().decode(Problem.self, from: JSONEncoder().encode(p))
        XCTAssertEqual(back, p)
    }
}
