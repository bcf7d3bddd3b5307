extension ComparisonPair {
    /// Throws `ComparisonError.stagesDiffer` when the sides' stages are not one set: a stage id
    /// named otherwise on each side, or a touchpoint of both sides in another stage on each.
    /// Two logs share their stages (`JourneyRequest.sharingStages`), but two journey files
    /// mined with stages inferred from each log alone do not: `phase-1` was "impression ·
    /// Facebook" before and "impression · Online Video" after, and the report compared them
    /// as one stage without a word.
    public func checkStagesAgree() throws {
        let afterStages = Dictionary(after.stages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let language = before.source.defaultLanguage
        for s in before.stages {
            // Named alike in every language both name it in (a template naming its stages in
            // English only against one with English and Thai is the same set), or, sharing none,
            // as shown.
            guard let t = afterStages[s.id] else { continue }
            let common = Set(s.names.values.keys).intersection(t.names.values.keys)
            let alike = common.isEmpty ? s.names.text(language) == t.names.text(language)
                : common.allSatisfy { s.names.values[$0] == t.names.values[$0] }
            guard !alike else { continue }
            throw ComparisonError.stagesDiffer("stage \(s.id) is \"\(s.names.text(language))\" in \(beforeLabel) and \"\(t.names.text(language))\" in \(afterLabel)")
        }
        let afterTouchpoints = Dictionary(after.touchpoints.map { ($0.name, $0.stage) }, uniquingKeysWith: { a, _ in a })
        for t in before.touchpoints {
            guard let stage = afterTouchpoints[t.name], stage != t.stage else { continue }
            throw ComparisonError.stagesDiffer("touchpoint \"\(t.name)\" is in stage \(t.stage) in \(beforeLabel) and in \(stage) in \(afterLabel)")
        }
    }
}
