import XCTest
@testable import OctoTerm

final class NumberFormatTests: XCTestCase {
    func testSignificantTrimsZerosAndSwitchesToScientific() {
        XCTAssertEqual(NumberFormat.significant(2.3104), "2.31")
        XCTAssertEqual(NumberFormat.significant(0.001), "1e-3")
        XCTAssertEqual(NumberFormat.significant(0.00025), "2.5e-4")
        XCTAssertEqual(NumberFormat.significant(1234567), "1.235e6")
        XCTAssertEqual(NumberFormat.significant(12345), "12345")
        XCTAssertEqual(NumberFormat.significant(-0.5), "-0.5")
        XCTAssertEqual(NumberFormat.significant(0), "0")
        XCTAssertEqual(NumberFormat.significant(9.99996e-5), "1e-4")
        XCTAssertEqual(NumberFormat.significant(.nan), "nan")
        XCTAssertEqual(NumberFormat.significant(-.infinity), "-inf")
    }

    func testFixedDropsSignOfZero() {
        XCTAssertEqual(NumberFormat.fixed(-0.0004, decimals: 3), "0.000")
        XCTAssertEqual(NumberFormat.fixed(-1.2, decimals: 3), "-1.200")
    }

    func testTickLabelsShareDecimalsAndSuffix() {
        XCTAssertEqual(NumberFormat.tickLabels([0, 0.5, 1], step: 0.5), ["0.0", "0.5", "1.0"])
        XCTAssertEqual(NumberFormat.tickLabels([0, 25, 50], step: 25), ["0", "25", "50"])
        XCTAssertEqual(NumberFormat.tickLabels([0, 2e6, 4e6], step: 2e6), ["0", "2M", "4M"])
        XCTAssertEqual(NumberFormat.tickLabels([0, 5000, 10000], step: 5000), ["0", "5k", "10k"])
        XCTAssertEqual(NumberFormat.tickLabels([0, 2.5, 5], step: 2.5), ["0.0", "2.5", "5.0"])
    }

    func testDurationFormatsMinutesAndHours() {
        XCTAssertEqual(NumberFormat.duration(4.9), "00:04")
        XCTAssertEqual(NumberFormat.duration(125), "02:05")
        XCTAssertEqual(NumberFormat.duration(3723), "1:02:03")
        XCTAssertEqual(NumberFormat.duration(.infinity), "--:--")
    }
}
