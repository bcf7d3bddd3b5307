import JourneyCore

/// Activities that are an empty cell written as text by the tool that exported the log:
/// `NULL` (SQL Server, MySQL), `\N` (MySQL, PostgreSQL `COPY`), `None`, `nan`, `NaN` (pandas),
/// `null`. Read as names, such a cell became a touchpoint of its own — in pm4py's
/// `dryers_Fond/eventlog.csv`, `--activity Title` gave a "NULL" box in every journey. The
/// reading stays as it is (the bytes are the file's); a warning names the touchpoint and the
/// flags that leave it out or choose another column.
enum PlaceholderActivities {
    static let names: Set<String> = ["NULL", "null", "Null", "\\N", "None", "nan", "NaN", "N/A", "#N/A"]

    /// One warning per placeholder touchpoint of `graph`, most events first.
    static func warnings(_ graph: JourneyGraph) -> [String] {
        let activity = graph.source.columns?.activityColumn
        return graph.touchpoints.filter { names.contains($0.name) }.sorted { $0.events > $1.events }.map { t in
            "touchpoint \"\(t.name)\" (\(CountFormat.grouped(t.events)) event\(t.events == 1 ? "" : "s")) is the text \(t.name)"
                + (activity.map { " in column \"\($0)\"" } ?? "")
                + ", which exports write for an empty cell; leave it out with --exclude '\(t.name)', or choose another column with --activity"
        }
    }
}
