import FuzzSupport

// libFuzzer target: each input is a .csv file, read by the CSV reader.
runFuzzer { data, size in
    fuzzReadLog(fuzzBytes(data, size), format: .csv)
    return 0
}
