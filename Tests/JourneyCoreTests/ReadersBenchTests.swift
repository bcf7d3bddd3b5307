import Foundation
import Testing
import JourneyCore
@testable import JourneyIO
import JourneyGzip

/// Opt-in throughput check: `JM_BENCH=1 JM_BENCH_FILE=/tmp/b1m.csv swift test -c release
/// -Xswiftc -enable-testing --filter ReadersBenchTests`. Prints events/s; never fails on speed.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["JM_BENCH"] == "1", "set JM_BENCH=1 to run"))
struct ReadersBenchTests {
    /// CPU time of this thread (the machine is shared; wall time is noisy).
    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    @Test func readBenchFile() throws {
        let path = ProcessInfo.processInfo.environment["JM_BENCH_FILE"] ?? "/tmp/b1m.csv"
        guard FileManager.default.fileExists(atPath: path) else {
            print("ReadersBench: \(path) missing; make it with gen_journeys.py")
            return
        }
        for _ in 0..<3 {
            let table = EventTable()
            var source = try openLogSource(path: path)
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = Self.threadCPU()
            let format = LogFormat.guess(path: path) ?? .csv
            _ = try readLog(&source, format: format, into: table, options: ReadOptions())
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let cpu = Self.threadCPU() - cpuStart
            print("ReadersBench: \(table.count) events in \(String(format: "%.3f", seconds)) s wall, \(String(format: "%.3f", cpu)) s CPU = \(String(format: "%.1f", Double(table.count) / cpu / 1e6)) M events/s per core")
            #expect(table.count > 0)
        }
    }
}
