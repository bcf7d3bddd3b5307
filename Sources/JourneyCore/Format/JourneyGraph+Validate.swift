/// What a journey file must hold beyond its JSON shape: counts that are not negative, names
/// that are unique, and edges between touchpoints (and stages) that the file lists. A file
/// edited by hand or written by another tool is refused here with the path inside the file
/// (`edges[12].count`), not later by the layout as an internal error.
extension JourneyGraph {
    func validate(file: String) throws {
        func fail(_ path: String, _ message: String) -> JourneyFileError {
            .invalid("\(file): \(path): \(message)")
        }
        func count(_ value: Int, _ path: String) throws {
            if value < 0 { throw fail(path, "\(value) is negative; expected a count of 0 or more") }
        }
        try count(journeys, "journeys")
        try count(events, "events")
        var stageIDs = Set<String>()
        for (i, s) in stages.enumerated() {
            guard stageIDs.insert(s.id).inserted else { throw fail("stages[\(i)].id", "stage \"\(s.id)\" is listed twice") }
            try count(s.journeys, "stages[\(i)].journeys")
            try count(s.events, "stages[\(i)].events")
        }
        var names = Set<String>()
        for (i, t) in touchpoints.enumerated() {
            let at = "touchpoints[\(i)]"
            guard names.insert(t.name).inserted else { throw fail("\(at).name", "touchpoint \"\(t.name)\" is listed twice") }
            guard stageIDs.contains(t.stage) else { throw fail("\(at).stage", "unknown stage \"\(t.stage)\"; expected one of the file's stages") }
            try count(t.events, "\(at).events")
            try count(t.journeys, "\(at).journeys")
            try count(t.starts, "\(at).starts")
            try count(t.ends, "\(at).ends")
            for (channel, n) in t.channels.sorted(by: { $0.key < $1.key }) { try count(n, "\(at).channels.\(channel)") }
        }
        var pairs = Set<[String]>()
        for (i, e) in edges.enumerated() {
            let at = "edges[\(i)]"
            guard names.contains(e.from) else { throw fail("\(at).from", "\"\(e.from)\" is not one of the file's touchpoints") }
            guard names.contains(e.to) else { throw fail("\(at).to", "\"\(e.to)\" is not one of the file's touchpoints") }
            guard pairs.insert([e.from, e.to]).inserted else { throw fail(at, "the edge \(e.from) → \(e.to) is listed twice") }
            try count(e.count, "\(at).count")
            try count(e.journeys, "\(at).journeys")
        }
        for (i, e) in stageEdges.enumerated() {
            let at = "stageEdges[\(i)]"
            guard stageIDs.contains(e.from) else { throw fail("\(at).from", "\"\(e.from)\" is not one of the file's stages") }
            guard stageIDs.contains(e.to) else { throw fail("\(at).to", "\"\(e.to)\" is not one of the file's stages") }
            try count(e.count, "\(at).count")
            try count(e.journeys, "\(at).journeys")
        }
        for (i, v) in variants.top.enumerated() { try count(v.count, "variants.top[\(i)].count") }
        try count(variants.distinct, "variants.distinct")
    }
}
