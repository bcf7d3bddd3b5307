import FuzzSupport

// libFuzzer target: each input is a journey template (YAML), loaded as `--template` would.
runFuzzer { data, size in
    fuzzTemplateBytes(fuzzBytes(data, size))
    return 0
}
