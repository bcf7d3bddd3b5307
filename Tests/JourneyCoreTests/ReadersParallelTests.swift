import Foundation
import JourneyTestSupport
import Testing
import JourneyCore
@testable import JourneyIO

/// `CSVReader.readFile` with several threads gives exactly the table a sequential read gives.
@Suite struct ReadersParallelTests {
    /// Folders of this test's logs, removed when it ends.
    let scratch = ScratchFolders("jm-par")

    /// Writes `text` to a temporary file and returns its path.
    func temporaryFile(_ text: String, name: String = "log.csv") throws -> String {
        try scratch.folder().write(name, text)
    }

    func readBoth(_ path: String, threads: Int, options: ReadOptions = ReadOptions(),
                  attributes: [String] = []) throws -> (sequential: EventTable, parallel: EventTable) {
        let sequential = EventTable(attributeNames: attributes)
        var source = try FileByteSource(path: path)
        _ = try CSVReader(chunkSize: 997).read(&source, into: sequential, options: options)
        let parallel = EventTable(attributeNames: attributes)
        _ = try CSVReader(chunkSize: 997, minimumBytesPerThread: 100).readFile(path: path, into: parallel, options: options,
                                                                              threads: threads)
        return (sequential, parallel)
    }

    /// A shuffled log: cases recur all over the file, so every range sees most names.
    func shuffledLog(rows: Int, quotedNewlines: Bool = false) -> String {
        var rng = SystemRandomNumberGenerator()
        var text = "case,activity,timestamp,channel,note\n"
        for i in 0..<rows {
            let c = Int.random(in: 0..<(rows / 5), using: &rng)
            let note = quotedNewlines ? "\"line one\nline \(i)\"" : "n\(i % 3)"
            text += "c\(c),a\(i % 7),\(1_700_000_000 + Int.random(in: 0..<100_000, using: &rng)),ch\(i % 3),\(note)\n"
        }
        return text
    }

    @Test(arguments: [2, 3, 8])
    func sameTableAsSequential(_ threads: Int) throws {
        let path = try temporaryFile(shuffledLog(rows: 3000))
        let (s, p) = try readBoth(path, threads: threads, attributes: ["note"])
        #expect(p.count == 3000)
        #expect(p.rows == s.rows)
        #expect(p.caseIDs == s.caseIDs)  // ids in first-seen order, as sequential
        #expect(p.activityIDs == s.activityIDs)
        #expect(p.channelIDs == s.channelIDs)
        #expect(p.attributeColumns == s.attributeColumns)
        #expect(p.sources == s.sources)
    }

    @Test func cutsInsideQuotedLineBreaksFallBackToSequential() throws {
        let path = try temporaryFile(shuffledLog(rows: 2000, quotedNewlines: true))
        let (s, p) = try readBoth(path, threads: 4, attributes: ["note"])
        #expect(p.count == 2000)
        #expect(p.rows == s.rows)
    }

    @Test func errorsInLaterRangesHaveTheirTrueLine() throws {
        var text = shuffledLog(rows: 2000)
        text += "c1,a1,not a time,web,x\n"
        text += shuffledLog(rows: 500).split(separator: "\n", omittingEmptySubsequences: true).dropFirst().joined(separator: "\n")
        let path = try temporaryFile(text)
        let error = inputError { _ = try CSVReader(minimumBytesPerThread: 100).readFile(path: path, into: EventTable(),
                                                                                        options: ReadOptions(), threads: 4) }
        #expect(error?.line == 2002)
        #expect(error?.message.contains("expected a timestamp") == true)
        let (s, p) = try readBoth(path, threads: 4, options: options(onError: .skip))
        #expect(p.skipped == s.skipped)
        #expect(p.skipped.examples.first?.contains(":2002:") == true)
        #expect(p.rows == s.rows)
    }

    @Test func smallFilesAndOneThreadReadSequentially() throws {
        let path = try temporaryFile("case,activity,timestamp\nc,a,2024-01-01\n")
        let table = EventTable()
        _ = try CSVReader().readFile(path: path, into: table, options: ReadOptions(), threads: 2)
        #expect(table.count == 1)
    }
}
