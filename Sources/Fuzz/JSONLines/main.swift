import FuzzSupport

// libFuzzer target: each input is a .jsonl file, read by the JSONLines reader.
runFuzzer { data, size in
    fuzzReadLog(fuzzBytes(data, size), format: .jsonl)
    return 0
}
