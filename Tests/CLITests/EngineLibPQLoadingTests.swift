import Foundation
import Testing
import JourneyTestSupport

/// libpq is loaded when the PostgreSQL engine first connects, not linked into journeymap
/// (`CLibPQ`): no server is needed to check that a missing libpq is said plainly, with
/// what to install, and leaves no output; and that the binary does not load it to start.
@Suite struct EngineLibPQLoadingTests {
    @Test func aMissingLibpqIsSaidWithWhatToInstall() throws {
        let dir = try TemporaryDirectory.makeFolder("libpq-missing")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("j.json").path
        let r = try EngineTestSupport.journeymap(
            ["mine", "--engine", "postgresql://nobody@127.0.0.1:1/none", "--table", "t", "--case", "c", "--activity", "a",
             "--timestamp", "t", "-o", out],
            environment: ["JOURNEYMAP_LIBPQ": dir.appendingPathComponent("no-libpq.so.5").path])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("postgresql engine (127.0.0.1:1/none): cannot connect: the PostgreSQL client library libpq could not be loaded"), "\(r.stderr)")
        #expect(r.stderr.contains("no-libpq.so.5"), "\(r.stderr)")
        #expect(r.stderr.contains("apt-get install libpq5"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func startingDoesNotLoadLibpq() throws {
        #if os(Linux)
        // The dynamic loader lists what it loads (LD_DEBUG=files): libpq must not be among them.
        let r = try EngineTestSupport.journeymap(["--version"], environment: ["LD_DEBUG": "files"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("libc.so"), "LD_DEBUG=files listed nothing: \(r.stderr.prefix(300))")
        #expect(!r.stderr.contains("libpq.so"), "\(r.stderr)")
        #endif
    }
}
