import Foundation
import Testing
import JourneyTestSupport

/// `persona --clusters auto` gives the same cards and YAML, byte for byte, whether k-means
/// measures distances with AVX2 (`CNearest`, where the CPU has it) or with the portable Swift
/// loops (`JOURNEYMAP_NO_AVX2=1`): on the Thai sample and on a real log from ../shared/data.
/// Whether the kernels' path can run here (the CPU flags Linux lists).
private let cpuHasAVX2: Bool = {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
    return info.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("avx2") }
}()

@Suite(.enabled(if: cpuHasAVX2, "no AVX2 on this CPU: both runs would take the Swift loops"))
struct PersonaPortableCLITests {
    /// The cards and YAML, under the same names each time (the YAML names itself).
    func cards(_ log: [String], environment: [String: String]) throws -> (Data, Data) {
        let dir = try TemporaryDirectory("persona-portable")
        let svg = dir.path("cards.svg"), yaml = dir.path("personas.yaml")
        let r = try ProcessRunner.run(CLI.binary, ["persona"] + log + ["--clusters", "auto", "-o", svg, "--write-yaml", yaml],
                                      in: CLI.root, environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        return (try Data(contentsOf: URL(fileURLWithPath: svg)), try Data(contentsOf: URL(fileURLWithPath: yaml)))
    }

    func expectSameCards(_ log: [String]) throws {
        let wide = try cards(log, environment: ["JOURNEYMAP_NO_AVX2": "0"])
        let portable = try cards(log, environment: ["JOURNEYMAP_NO_AVX2": "1"])
        #expect(wide.0 == portable.0, "\(log): the SVG cards differ")
        #expect(wide.1 == portable.1, "\(log): the YAML differs")
        #expect(wide.1.count > 500, "\(log): personas were written")
    }

    @Test func thaiSampleSameEitherWay() throws {
        try expectSameCards(["samples/thai-shop.csv", "--template", "thai-retail", "--lang", "th"])
    }

    @Test func realLogSameEitherWay() throws {
        guard let receipt = Repository.sharedLog("receipt.csv", skippedBy: "PersonaPortableCLITests") else { return }
        try expectSameCards([receipt, "--case", "case:concept:name", "--activity", "concept:name", "--timestamp", "time:timestamp"])
    }
}
