import JourneyCore

/// Parses one fuzz input as a timestamp.
///
/// The first byte picks the mode: guessed units, a given epoch unit, a `--timestamp-format`
/// pattern (first line of the rest), or a `--timezone` (first line). A parsed ISO time is
/// printed back and must parse to the same instant.
public func fuzzTimestampBytes(_ bytes: [UInt8]) {
    guard let mode = bytes.first else { return }
    var rest = Array(bytes.dropFirst())
    var parser = TimestampParser()
    switch mode % 4 {
    case 0:
        break
    case 1:
        let units = TimestampParser.EpochUnit.allCases
        parser.epochUnit = units[Int(mode / 4) % units.count]
    case 2:
        let (head, tail) = splitLine(rest)
        rest = tail
        guard let format = try? TimestampFormat(String(decoding: head, as: UTF8.self)) else { return }
        parser.format = format
    default:
        let (head, tail) = splitLine(rest)
        rest = tail
        let zone = String(decoding: head, as: UTF8.self)
        // IANA names go to Foundation's zone database; keep the fuzzer to a few real ones.
        let names = ["Asia/Bangkok", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]
        let chosen = zone.contains("/") ? names[Int(mode / 4) % names.count] : zone
        do { try parser.setTimeZone(chosen) } catch is TimeZoneError { return } catch {
            fatalError("setTimeZone threw something other than a TimeZoneError: \(error)")
        }
    }
    let value = rest.withUnsafeBytes { parser.parse($0) }
    let string = String(decoding: rest, as: UTF8.self)
    precondition(parser.parse(string) == value || !string.utf8.elementsEqual(rest),
                 "parse(String) and parse(bytes) disagree")
    guard let value else { return }
    let printed = formatISO8601(value)
    let year = civilFromDays(value.quotientRoundingDown(by: 86_400_000_000)).year
    if (1000...9999).contains(year) {
        let back = TimestampParser().parse(printed)
        precondition(back == value, "\(value) printed as \(printed) reads back as \(String(describing: back))")
    }
}

private func splitLine(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
    guard let nl = bytes.firstIndex(of: 0x0a) else { return (bytes, []) }
    return (Array(bytes[..<nl]), Array(bytes[(nl + 1)...]))
}

extension Int64 {
    fileprivate func quotientRoundingDown(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
