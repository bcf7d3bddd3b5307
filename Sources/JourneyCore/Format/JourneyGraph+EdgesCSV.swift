import Foundation

extension JourneyGraph {
    /// One row per transition: `from,to,count,cases,median_seconds,mean_seconds,p90_seconds`.
    /// Start transitions have an empty `from`, end transitions an empty `to` (their counts
    /// are the journeys starting / ending at the touchpoint). Fields are quoted per RFC 4180.
    public func edgesCSV() -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func num(_ v: Double?) -> String { v.map { String(Edge.round($0)) } ?? "" }
        var out = "from,to,count,cases,median_seconds,mean_seconds,p90_seconds\n"
        for t in touchpoints where t.starts > 0 {
            out += ",\(field(t.name)),\(t.starts),\(t.starts),,,\n"
        }
        for e in edges {
            out += "\(field(e.from)),\(field(e.to)),\(e.count),\(e.journeys),"
            out += "\(num(e.duration.quantileSeconds(0.5))),\(num(e.duration.meanSeconds)),\(num(e.duration.quantileSeconds(0.9)))\n"
        }
        for t in touchpoints where t.ends > 0 {
            out += "\(field(t.name)),,\(t.ends),\(t.ends),,,\n"
        }
        return out
    }
}
