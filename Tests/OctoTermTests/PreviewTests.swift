import XCTest
import Foundation
@testable import OctoTerm

final class PreviewTests: XCTestCase {
    func testPreview() throws {
        let lengths = (0..<200).map { i -> Double in Double((i * 37) % 101) + Double((i * 13) % 57) }
        print(try Histogram(lengths, bins: 12, title: "response length", xLabel: "tokens").render(width: 60, height: 12))
        print(try BarChart(labels: ["gsm", "math", "olympiad"], values: [0.512, 0.231, 0.071], title: "accuracy").render(width: 50))
        print(try BarChart(labels: ["a", "b"], values: [2, -1]).render(width: 30))
        var t = Table(headers: ["model", "gsm", "math", "n"], title: "accuracy")
        try t.append(["base", 0.127, 0.05, 500])
        try t.append(["long CoT", 0.4312, 0.2, 1319])
        try t.append(["rl", 0.001, 12.5, 7])
        print(t.render()); print(t.render(style: .ascii)); print(t.markdown()); print(t.csv())
        let hm = try TokenHeatMap(tokens: ["The", " answer", " is", " 17", ".", "\n", "Wait", ",", " let", " me", " check", "."],
                                  values: [-0.1, -0.3, -0.05, -2.9, -0.2, -0.4, -3.5, -0.6, -0.3, -0.1, -1.1, -0.2], metric: "logprob")
        print(hm.render(width: 40))
        print(hm.render(width: 40, color: .ansi256))
        let tt = try TokenTable(tokens: [
            TokenInfo(position: 0, text: "The", id: 578, logprob: -0.105, entropy: 0.412, topK: [.init("The", 0.9), .init("So", 0.05)]),
            TokenInfo(position: 1, text: " answer", id: 4320, logprob: -1.2, entropy: 1.95, topK: [.init(" answer", 0.3), .init(" result", 0.25)]),
            TokenInfo(position: 2, text: "\n", id: 198, logprob: -0.0004, entropy: 0.01, topK: [.init("\n", 0.9996)]),
        ], pageSize: 2)
        print(try tt.render(page: 0)); print(try tt.render(page: 1))
    }
}
