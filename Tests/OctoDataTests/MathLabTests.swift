import XCTest
@testable import OctoData
import OctoBase

final class MathLabTests: XCTestCase {
    func testSameSeedSameTextDifferentSeedDifferentText() {
        for kind in LabCorpusKind.allCases {
            let a = MathLab(seed: 5).documents(kind: kind, count: 20)
            XCTAssertEqual(a, MathLab(seed: 5).documents(kind: kind, count: 20), kind.rawValue)
            XCTAssertNotEqual(a, MathLab(seed: 6).documents(kind: kind, count: 20), kind.rawValue)
            XCTAssertEqual(Set(a).count, 20, "\(kind.rawValue) documents repeat")
        }
        XCTAssertEqual(MathLab(seed: 5).trainingProblems(count: 50), MathLab(seed: 5).trainingProblems(count: 50))
    }

    func testGoldenFirstProblemPinsTheGenerator() {
        var rng = RNG(seed: 3)
        let p = LabProblemFactory.make(family: .linear, level: 3, rng: &rng)
        var g = RNG(seed: 0)
        XCTAssertEqual(g.next(), 0xe220_a839_7b1d_cdaf, "SplitMix64 reference output for seed 0")
        XCTAssertEqual(p.kind, "linear")
        XCTAssertEqual(p.parameters.count, 6)
        XCTAssertTrue(p.verify())
    }

    func testEveryGeneratedAnswerMatchesTheIndependentRecomputation() {
        var rng = RNG(seed: 2024)
        var checked = 0
        for family in LabFamily.allCases {
            for level in 1...5 {
                for _ in 0..<120 {
                    let p = LabProblemFactory.make(family: family, level: level, rng: &rng)
                    XCTAssertTrue(p.verify(), "\(p.canonicalKey) gave \(p.answer.latex), recomputed \(String(describing: LabVerifier.recompute(kind: p.kind, parameters: p.parameters)))\n\(p.question)")
                    XCTAssertEqual(p.level, level)
                    checked += 1
                }
            }
        }
        for p in MathLab(seed: 77).trainingProblems(count: 1_000) { XCTAssertTrue(p.verify(), p.canonicalKey); checked += 1 }
        XCTAssertEqual(checked, 5_200)
    }

    func testVerifierCatchesAWrongAnswer() {
        var rng = RNG(seed: 9)
        let p = LabProblemFactory.make(family: .modular, level: 5, rng: &rng)
        let wrong = LabProblem(family: p.family, level: p.level, kind: p.kind, parameters: p.parameters, question: p.question,
                               steps: p.steps, check: p.check, answer: .number(Rational(-1)))
        XCTAssertTrue(p.verify())
        XCTAssertFalse(wrong.verify())
        XCTAssertNil(LabVerifier.recompute(kind: "nope", parameters: [1]))
        XCTAssertNil(LabVerifier.recompute(kind: "word.shop", parameters: [1, 2]))
    }

    func testGSMWordProblemsHaveWholeNonNegativeAnswers() {
        for p in MathLab(seed: 1).trainingProblems(count: 600, families: [.word], levels: 1...5) {
            guard case .number(let r) = p.answer else { return XCTFail(p.canonicalKey) }
            XCTAssertTrue(r.isInteger && r.num >= 0, "\(p.canonicalKey): \(r)")
        }
    }

    func testBenchmarksAreDisjointFromTrainingByConstruction() throws {
        let gsm = try MathLab.benchmarkProblems("lab:gsm", count: 150)
        let math = try MathLab.benchmarkProblems("math", count: 150)
        let rl = try MathLab.benchmarkProblems("lab:math8k", count: 150)
        for p in gsm + math { XCTAssertEqual(LabPartition.of(key: p.canonicalKey), .evaluation) }
        for p in rl { XCTAssertEqual(LabPartition.of(key: p.canonicalKey), .rlPrompts) }
        // Any benchmark problem is refused by the training side.
        for p in gsm + math + rl { XCTAssertFalse(LabProblemFactory.admitsTraining(p)) }
        var trainingKeys = Set<String>()
        for seed: UInt64 in [1, 2, 3] {
            for p in MathLab(seed: seed).trainingProblems(count: 1_500) {
                XCTAssertTrue(LabProblemFactory.admitsTraining(p)); trainingKeys.insert(p.canonicalKey)
            }
        }
        XCTAssertTrue(trainingKeys.isDisjoint(with: (gsm + math + rl).map(\.canonicalKey)))
        // And no benchmark question occurs verbatim in generated training text.
        let text = MathLab(seed: 1).documents(kind: .qaShort, count: 1_500).joined(separator: "\n")
            + MathLab(seed: 1).documents(kind: .mathWeb, count: 300).joined(separator: "\n")
        for p in gsm.prefix(60) + math.prefix(60) { XCTAssertFalse(text.contains(p.question), p.question) }
        // The partition really rejects: over many raw draws some keys land outside training.
        var rng = RNG(seed: 4)
        let raw = (0..<2_000).map { _ in LabProblemFactory.make(family: .word, level: 3, rng: &rng) }
        XCTAssertGreaterThan(raw.filter { !LabProblemFactory.admitsTraining($0) }.count, 200)
    }

    func testBenchmarkShapesLevelsAndDeterminism() throws {
        let gsm = try MathLab.benchmark("lab:gsm", count: 40)
        XCTAssertEqual(gsm, try MathLab.benchmark("lab:gsm", count: 40))
        XCTAssertEqual(gsm.count, 40)
        XCTAssertEqual(Set(gsm.map(\.id)).count, 40)
        for p in gsm {
            XCTAssertNotNil(Int(p.gold), p.gold); XCTAssertTrue((1...3).contains(p.level ?? 0)); XCTAssertEqual(p.source, "lab:gsm")
        }
        for p in try MathLab.benchmark("lab:olympiad", count: 30) { XCTAssertTrue((4...5).contains(p.level ?? 0)) }
        let amc = try MathLab.benchmarkProblems("lab:amc")
        XCTAssertEqual(amc.count, 40)
        XCTAssertGreaterThanOrEqual(Set(amc.map(\.family)).count, 4)
        for p in try MathLab.benchmark("lab:math", count: 30) {
            XCTAssertTrue((2...5).contains(p.level ?? 0))
            XCTAssertEqual(AnswerExtraction.boxed(in: p.solution ?? ""), p.gold)
        }
        XCTAssertEqual(Set(try MathLab.benchmarkProblems("lab:math", count: 100).map(\.canonicalKey)).count, 100)
    }

    func testUnknownNamesListTheValidOnes() {
        XCTAssertThrowsError(try MathLab.benchmark("lab:mmlu")) { error in
            XCTAssertEqual(error as? DataError, .unknownName(name: "lab:mmlu", valid: ["lab:gsm", "lab:math", "lab:olympiad", "lab:amc", "lab:math8k"]))
            XCTAssertTrue("\(error)".contains("lab:math8k"))
        }
        XCTAssertThrowsError(try LabCorpusKind(name: "lab:poetry"))
        XCTAssertEqual(try LabCorpusKind(name: "qa_long"), .qaLong)
        XCTAssertEqual(try LabCorpusKind(name: "lab_math_web_low"), .mathWebLow)
    }

    func testQATextEndsInBoxedAnswerAndLongCoTChecksItself() {
        var rng = RNG(seed: 8)
        var sawBacktrack = false
        for _ in 0..<300 {
            let p = LabProblemFactory.draw(partition: .training, rng: &rng)
            let short = LabQA.short(p, rng: &rng), long = LabQA.long(p, rng: &rng)
            XCTAssertEqual(AnswerExtraction.boxed(in: short), p.answer.latex)
            XCTAssertEqual(AnswerExtraction.boxed(in: long), p.answer.latex)
            XCTAssertTrue(short.hasPrefix("Question: ") || short.hasPrefix("Problem: ") || short.hasPrefix("Q: "))
            let answerLines = short.split(separator: "\n").count - 2
            XCTAssertTrue((1...4).contains(answerLines), short)
            XCTAssertTrue(long.contains("verify") || long.contains("check") || long.contains("make sure"))
            XCTAssertGreaterThan(long.count, short.count)
            if long.contains("Let me redo") || long.contains("arithmetic slip") || long.contains("recompute") || long.contains("Going back") { sawBacktrack = true }
        }
        XCTAssertTrue(sawBacktrack)
    }

    func testLowQualityWebIsNoisierThanHighQuality() {
        let lab = MathLab(seed: 3)
        let high = lab.documents(kind: .mathWeb, count: 200), low = lab.documents(kind: .mathWebLow, count: 200)
        func share(_ docs: [String], _ needle: String) -> Double { Double(docs.filter { $0.contains(needle) }.count) / Double(docs.count) }
        XCTAssertGreaterThan(share(high, "answer is $"), 0.9)
        XCTAssertLessThan(share(low, "answer is $"), 0.05)
        let boiler = LabWebText.boiler
        XCTAssertGreaterThan(share(low, "Posted by"), share(high, "Posted by"))
        XCTAssertEqual(high.filter { d in boiler.contains { d.contains($0) } }.count, 0)
        XCTAssertGreaterThan(low.filter { d in boiler.contains { d.contains($0) } }.count, 180)
        let web = lab.documents(kind: .web, count: 100)
        XCTAssertEqual(web.filter { $0.contains("\\boxed") || $0.contains("$") && $0.contains("=") }.count, 0)
    }

    func testTextByCharacterBudget() {
        let docs = MathLab(seed: 1).text(kind: .qaLong, approxChars: 50_000)
        let total = docs.reduce(0) { $0 + $1.utf8.count }
        XCTAssertGreaterThanOrEqual(total, 50_000)
        XCTAssertLessThan(total - (docs.last?.utf8.count ?? 0), 50_000)
    }
}
