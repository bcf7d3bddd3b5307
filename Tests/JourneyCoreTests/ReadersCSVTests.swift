import Testing
import JourneyCore
@testable import JourneyIO

@Suite struct ReadersCSVTests {
    let csv = CSVReader()

    @Test func readsGuessedColumns() throws {
        let text = """
            user_id,timestamp,event,channel
            u1,2024-05-19T08:30:00Z,visit,web
            u1,2024-05-19T08:31:00Z,buy,
            u2,1716107400,visit,email

            """
        let (table, columns) = try read(text, with: csv)
        #expect(columns == ResolvedColumns(caseColumn: "user_id", activityColumn: "event", timestampColumn: "timestamp",
                                           channelColumn: "channel", guessed: ["case", "activity", "timestamp", "channel"]))
        #expect(table.rows == [
            Row(caseName: "u1", activity: "visit", timestamp: micros("2024-05-19T08:30:00Z"), channel: "web"),
            Row(caseName: "u1", activity: "buy", timestamp: micros("2024-05-19T08:31:00Z"), channel: ""),
            Row(caseName: "u2", activity: "visit", timestamp: 1_716_107_400_000_000, channel: "email"),
        ])
        #expect(table.channelIDs[1] == 0)
        #expect(table.sources == ["test.csv"])
    }

    @Test func quotedFieldsDoubledQuotesAndNewlines() throws {
        let text = "case,activity,timestamp,note\n"
            + "\"c,1\",\"say \"\"hi\"\"\",2024-01-01T00:00:00Z,\"two\nlines\"\n"
            + "c2,\"\",2024-01-01T00:00:00Z,x\n"
        let error = inputError { _ = try read(text, with: csv) }
        // Row 2 spans lines 2-3; the next row (empty activity) is on line 4.
        #expect(error?.line == 4)
        #expect(error?.column == "activity")
        #expect(error?.message.contains("missing activity") == true)

        let ok = "case,activity,timestamp,note\n\"c,1\",\"say \"\"hi\"\"\",2024-01-01T00:00:00Z,\"two\nlines\"\n"
        let (table, _) = try read(ok, with: csv, attributes: ["note"])
        #expect(table.rows == [Row(caseName: "c,1", activity: "say \"hi\"", timestamp: micros("2024-01-01T00:00:00Z"),
                                   channel: "", attributes: ["two\nlines"])])
    }

    @Test func crlfReadsLikeLF() throws {
        let lf = "case,activity,timestamp\nc1,a,2024-01-01T00:00:00Z\n\"c2\",\"b\",2024-01-02T00:00:00Z\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try read(crlf, with: csv).0.rows == read(lf, with: csv).0.rows)
        #expect(try read(crlf, with: csv).0.activities.string(1) == "b")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xef, 0xbb, 0xbf] + Array("case,activity,timestamp\nc,a,2024-01-01\n".utf8)
        let (table, columns) = try read(bytes, with: csv)
        #expect(columns.caseColumn == "case")
        #expect(table.count == 1)
    }

    @Test(arguments: [(",", UInt8(0x2c)), (";", 0x3b), ("\t", 0x09), ("|", 0x7c)])
    func delimiterIsDetected(_ d: String, _ byte: UInt8) throws {
        // A comma inside quotes must not count for the comma; the data row quotes "a,b" too,
        // since unquoted it would be two fields in a comma-separated file (RFC 4180).
        let text = ["case", "\"activity, the name\"", "timestamp"].joined(separator: d) + "\n"
            + ["c1", "\"a,b\"", "2024-01-01"].joined(separator: d) + "\n"
        let (table, columns) = try read(text, with: csv, options: options(activity: "activity, the name"))
        #expect(columns.caseColumn == "case")
        #expect(table.rows.first?.activity == "a,b")
    }

    @Test func givenDelimiterWins() throws {
        // Detection would pick ';' (two of them); the option says ','.
        let text = "case,activity;x;y,timestamp\nc,a;1;2,2024-01-01\n"
        let (table, columns) = try read(text, with: csv, options: options(activity: "activity;x;y", delimiter: 0x2c))
        #expect(columns.activityColumn == "activity;x;y")
        #expect(table.rows.first?.caseName == "c")
        #expect(table.count == 1)
    }

    /// The same bytes cut into chunks of every small size (and trickled one byte per read)
    /// give the same table as one big read.
    @Test(arguments: [1, 2, 3, 7, 64])
    func rowsAcrossChunkBoundaries(_ chunk: Int) throws {
        let text = "\u{FEFF}case;activity;timestamp;channel;note\r\n"
            + "\"c;1\";\"a \"\"q\"\"\";2024-01-01T00:00:00Z;web;\"multi\r\nline\"\r\n"
            + "c2;b;2024-01-01T00:00:01.5+07:00;;plain\r\n"
            + "\n"
            + "c2;\"\";2024-01-01T00:00:02Z;x;skipped\n"
            + "c3;ไทย;1704067200000;app;\"\"\"\"\n"
            + "c3;last;2024-01-02;app;no newline at end"
        let skip = options(onError: .skip)
        let (whole, _) = try read(text, with: CSVReader(), options: skip, attributes: ["note"])
        #expect(whole.count == 4)
        #expect(whole.skipped.count == 1)
        let (chunked, _) = try read(text, with: CSVReader(chunkSize: chunk), options: skip, attributes: ["note"])
        #expect(chunked.rows == whole.rows)
        #expect(chunked.skipped == whole.skipped)
        let table = EventTable(attributeNames: ["note"])
        var trickle = TrickleByteSource(Array(text.utf8), step: chunk)
        _ = try CSVReader(chunkSize: 1 << 20).read(&trickle, into: table, options: skip)
        #expect(table.rows == whole.rows)
        #expect(whole.rows[0].attributes == ["multi\r\nline"])
        // The row with an empty activity is skipped, so the Thai row is the third kept one.
        #expect(whole.rows[2].activity == "ไทย")
        #expect(whole.rows[3].activity == "last")
    }

    @Test func longRowsBeyondTheChunk() throws {
        let long = String(repeating: "x", count: 200_000)
        let text = "case,activity,timestamp\n\(long),\"\(long)\",2024-01-01\nc,a,2024-01-01\n"
        let (table, _) = try read(text, with: CSVReader(chunkSize: 4096))
        #expect(table.count == 2)
        #expect(table.rows[0].activity.count == 200_000)
    }

    @Test func wrongFieldCountsAreErrors() throws {
        let text = "case,activity,timestamp,channel\nc1,a,2024-01-01,web\nc1,b,2024-01-02\n"
        let error = inputError { _ = try read(text, with: csv, name: "log.csv") }
        #expect(error?.description == "log.csv:3: expected 4 fields (as in the header), found 3; --on-error skip leaves such rows out")
        #expect(error?.byteOffset == 52)
        let tooMany = "case,activity,timestamp\nc1,a,2024-01-01,extra\n"
        #expect(inputError { _ = try read(tooMany, with: csv) }?.message == "expected 3 fields (as in the header), found 4; --on-error skip leaves such rows out")
    }

    @Test func missingValuesAreErrors() throws {
        let noCase = "case,activity,timestamp\n,a,2024-01-01\n"
        let e1 = inputError { _ = try read(noCase, with: csv) }
        #expect(e1?.message.hasPrefix("missing case") == true)
        #expect(e1?.column == "case")
        let noTime = "case,activity,timestamp\nc,a,\n"
        #expect(inputError { _ = try read(noTime, with: csv) }?.message.hasPrefix("missing timestamp") == true)
    }

    @Test func badTimestampIsQuotedAndTruncated() throws {
        let value = "yesterday at noon, more or less, give or take a few hours and then some more words"
        let text = "case,activity,timestamp\nc,a,\"\(value)\"\n"
        let error = inputError { _ = try read(text, with: csv, name: "t.csv") }
        #expect(error?.line == 2)
        #expect(error?.column == "timestamp")
        #expect(error?.message.contains("expected a timestamp") == true)
        #expect(error?.message.contains("\"\(value.prefix(60))…\"") == true)
        #expect(error?.description.hasPrefix("t.csv:2: column \"timestamp\": expected a timestamp") == true)
    }

    @Test func skipCountsBadRowsByReason() throws {
        let text = """
            case,activity,timestamp
            c,a,2024-01-01
            c,,2024-01-01
            c,a,never
            c,a
            ,a,2024-01-01
            c,b,2024-01-02
            """
        let (table, _) = try read(text, with: csv, options: options(onError: .skip))
        #expect(table.count == 2)
        #expect(table.skipped.count == 4)
        #expect(table.skipped.reasons == ["missing activity": 1, "bad timestamp": 1, "wrong field count": 1, "missing case": 1])
        #expect(table.skipped.examples.first?.hasPrefix("test.csv:3:") == true)
        #expect(table.activities.count == 2)  // skipped rows leave no names behind
    }

    @Test func latin1ActivityIsAnErrorThatSaysHowToConvert() throws {
        var bytes = Array("case,activity,timestamp\nc,caf".utf8)
        bytes += [0xe9]  // Latin-1 é: not UTF-8
        bytes += Array(",2024-01-01\n".utf8)
        let error = inputError { _ = try read(bytes, with: csv) }
        #expect(error?.line == 2)
        #expect(error?.message.contains("reads \"café\"") == true && error?.message.contains("iconv -f WINDOWS-1252 -t UTF-8") == true,
                "\(error?.message ?? "")")
    }

    @Test func nulByteIsAnError() throws {
        var bytes = Array("case,activity,timestamp\nc,a".utf8)
        bytes += [0]
        bytes += Array(",2024-01-01\n".utf8)
        let error = inputError { _ = try read(bytes, with: csv) }
        #expect(error?.line == 2)
        #expect(error?.message.contains("NUL byte") == true)
        let (table, _) = try read(bytes, with: csv, options: options(onError: .skip))
        #expect(table.skipped.reasons == ["NUL byte": 1])
    }

    @Test func unbalancedQuoteReportsWhereItOpened() throws {
        let text = "case,activity,timestamp\nc,a,2024-01-01\nc,\"open\nmore\nlines,2024-01-01\n"
        let error = inputError { _ = try read(text, with: CSVReader(chunkSize: 5), options: options(onError: .skip)) }
        #expect(error?.line == 3)
        #expect(error?.message.contains("never closed") == true)
    }

    @Test func textAfterClosingQuoteIsAnError() throws {
        let text = "case,activity,timestamp\nc,\"a\"b,2024-01-01\n"
        #expect(inputError { _ = try read(text, with: csv) }?.message == "expected ',' or end of line after a closing quote, found 'b'; --on-error skip leaves such rows out")
    }

    @Test func emptyFilesAndHeaderOnly() throws {
        #expect(inputError { _ = try read("", with: csv) }?.message == "empty file: expected a header row")
        #expect(inputError { _ = try read("\n\r\n  \n", with: csv) }?.message == "empty file: expected a header row")
        #expect(inputError { _ = try read([0xef, 0xbb, 0xbf], with: csv) }?.message == "empty file: expected a header row")
        let (table, _) = try read("case,activity,timestamp\n", with: csv)
        #expect(table.count == 0)
        let (noNewline, _) = try read("case,activity,timestamp", with: csv)
        #expect(noNewline.count == 0)
    }

    @Test func utf16IsRefused() throws {
        let bytes: [UInt8] = [0xff, 0xfe, 0x63, 0x00]
        #expect(inputError { _ = try read(bytes, with: csv) }?.message.contains("UTF-16") == true)
    }

    @Test func duplicateHeaderNames() throws {
        let used = "case,activity,timestamp,case\nc,a,2024-01-01,d\n"
        let error = inputError { _ = try read(used, with: csv) }
        #expect(error?.column == "case")
        #expect(error?.message == "the header has this name twice (columns 1 and 4); rename one")
        // Unused duplicates (here two unnamed columns) are harmless.
        let (table, _) = try read(",,case,activity,timestamp\n1,2,c,a,2024-01-01\n", with: csv)
        #expect(table.count == 1)
    }

    @Test func namedColumnMustExist() throws {
        let text = "user,event,ts\nc,a,2024-01-01\n"
        let error = inputError { _ = try read(text, with: csv, options: options(case: "customer")) }
        #expect(error?.column == "customer")
        #expect(error?.message == "no such column for the case; columns in the header: user, event, ts")
        let attr = inputError { _ = try read(text, with: csv, attributes: ["country"]) }
        #expect(attr?.message.contains("attribute \"country\"") == true)
    }

    @Test func attributesAreKept() throws {
        let text = "case,activity,timestamp,country,plan\nc,a,2024-01-01,TH,pro\nc,b,2024-01-02,,free\n"
        let (table, _) = try read(text, with: csv, attributes: ["plan", "country"])
        #expect(table.rows.map(\.attributes) == [["pro", "TH"], ["free", ""]])
        #expect(table.attributeColumns[1][1] == 0)  // empty = absent
    }
}
