import FuzzSupport

// libFuzzer target: each input is a .xes file, read by the XES reader.
runFuzzer { data, size in
    fuzzReadLog(fuzzBytes(data, size), format: .xes)
    return 0
}
