import FuzzSupport

// libFuzzer target: each input is a timestamp, optionally after a pattern or zone line.
runFuzzer { data, size in
    fuzzTimestampBytes(fuzzBytes(data, size))
    return 0
}
