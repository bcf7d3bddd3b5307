@_spi(JourneyIO) import JourneyCore
/// What the resolver says when it cannot tell which columns to read: every missing role at
/// once, each with the flag to set and the header's likeliest columns for it, and for a log
/// with GA4 keys the preset and GA4's nested paths.
extension ColumnResolver {
    struct MissingRole {
        var role: String
        /// The preset's names for the role (nil without a preset).
        var presetNames: [String]?
    }

    /// GA4 BigQuery export keys; seeing them makes the GA4 preset the reading (all three
    /// roles) or the hint (any one of them).
    static let ga4Keys = ["event_name", "event_timestamp", "user_pseudo_id", "event_params"]

    /// The export whose own keys the header or first object has, read with its preset
    /// without being asked: GA4 (`event_name`, `event_timestamp`, `user_pseudo_id`), Amplitude
    /// (`amplitude_id`, `event_type`, `event_time`), Mixpanel (`event`, `properties.time`,
    /// `properties.distinct_id`), Segment (`event` or `type`, `timestamp`, `anonymousId`, `messageId`).
    var recognisedExport: ColumnPreset? {
        if looksLikeGA4 { return .ga4 }
        func all(_ keys: [String]) -> Bool { keys.allSatisfy { find($0) != nil } }
        if all(["amplitude_id", "event_type", "event_time"]) { return .amplitude }
        if all(["event", "properties.time", "properties.distinct_id"]) { return .mixpanel }
        // A Segment export may start with a page or identify call, which has `type` but no `event`.
        if available.contains("anonymousId") && available.contains("messageId") && find("timestamp") != nil
            && (find("event") != nil || find("type") != nil) { return .segment }
        return nil
    }

    /// True when the header or first object has GA4's three role keys.
    var looksLikeGA4: Bool {
        ["event_name", "event_timestamp", "user_pseudo_id"].allSatisfy { find($0) != nil }
    }

    /// True when any GA4 key (or a path under `event_params.`/`user_properties.`) is present.
    var hasGA4Keys: Bool {
        Self.ga4Keys.contains { find($0) != nil }
            || available.contains { $0.hasPrefix("event_params.") || $0.hasPrefix("user_properties.") }
    }

    static let ga4Hint = "this looks like a GA4 BigQuery export: --preset ga4 reads user_pseudo_id, event_name and event_timestamp (µs); "
        + "GA4's key/value lists are read as event_params.KEY and user_properties.KEY (e.g. --activity event_params.page_location, "
        + "sessions: --case user_pseudo_id+event_params.ga_session_id)"

    /// `timestamp`: the timestamp column guessed, if one was (the milestone hint offers it too).
    func missingRolesError(_ missing: [MissingRole], preset: ColumnPreset?, used: Set<String>, timestamp: String? = nil) -> InputError {
        var message: String
        if let preset {
            let parts = missing.map { m -> String in
                let names = (m.presetNames ?? []).map { "\"\($0)\"" }.joined(separator: " or ")
                return "\(m.role == "activity" ? "an" : "a") \(m.role) column named \(names)"
            }
            message = "preset \(preset.rawValue) expects \(Self.joined(parts)); \(listing)"
        } else {
            let flags = missing.map { m -> String in
                let likely = candidates(for: m.role, excluding: used)
                return "--\(m.role)" + (likely.isEmpty ? "" : " (likely: \(likely.joined(separator: ", ")))")
            }
            let roles = Self.joined(missing.map(\.role))
            message = missing.count == 1
                ? "cannot tell which column is the \(roles); name it with \(flags[0]). \(listing)"
                : "cannot tell which columns are the \(roles); name them with \(Self.joined(flags)). \(listing)"
        }
        if hasGA4Keys { message += "; " + Self.ga4Hint }
        if missing.contains(where: { $0.role == "case" }) && available.contains(where: { $0.lowercased().hasPrefix("ocel:") }) {
            message += "; " + Self.ocelHint
        }
        // A wide table (one row per deal, a date per stage) has dates but no activity column:
        // every column named for a time, in the header's order (the milestones' usual order;
        // three at most lost Olist's order_approved_at), but not a time zone.
        let dates = candidates(for: "timestamp", excluding: used.subtracting(timestamp.map { [$0] } ?? []), limit: nil).sorted {
            available.firstIndex(of: $0)! < available.firstIndex(of: $1)!
        }.filter { !Self.nameWords($0.lowercased()).contains { ["timezone", "tz", "zone", "offset"].contains($0) } }
        if missing.contains(where: { $0.role == "activity" }) && dates.count >= 2 && !hasGA4Keys {
            message += "; for a table with one row per case and a date column per milestone, give --milestones \"\(dates.joined(separator: ","))\""
        }
        return InputError(file: file, line: headerLine, message: message)
    }

    /// "a", "a and b", "a, b and c".
    static func joined(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Up to `limit` columns of the header that look like `role` (by words in their names), best first.
    func candidates(for role: String, excluding used: Set<String>, limit: Int? = 3) -> [String] {
        let words: [String]
        switch role {
        case "case": words = ["id", "user", "customer", "client", "session", "visitor", "account", "deal", "opportunity",
                              "contact", "lead", "person", "device", "ip", "member", "case"]
        case "activity": words = ["event", "activity", "action", "type", "name", "stage", "step", "page", "status", "url", "path"]
        default: words = ["timestamp", "time", "date", "_at", "ts", "day", "created", "when"]
        }
        let usual: [String]
        switch role {
        case "case": usual = Self.caseCandidates
        case "activity": usual = Self.activityCandidates
        default: usual = Self.timestampCandidates
        }
        var scored: [(score: Int, index: Int)] = []
        for (i, name) in available.enumerated() where !used.contains(name.lowercased()) {
            let lower = name.lowercased()
            // A name that reads as another role's is not offered for this one: GA4's
            // `event_date` is no activity, `event_bundle_sequence_id` no timestamp.
            if role != "timestamp" && Self.looksLikeTime(lower) { continue }
            if role != "case" && Self.looksLikeID(lower) { continue }
            if role != "case" && Self.looksLikeQuantity(lower) { continue }
            // An event's own id names one row, never a journey (each would be one event long).
            if role == "case" && Self.looksLikeEventID(lower) { continue }
            // Interval logs time each event by its end (or completion) and its start: words
            // matched whole (`end`, not `send` or `vendor`), after the time words.
            let intervalWords = role == "timestamp" ? ["end", "complete", "completed", "finish", "start", "begin"] : []
            let nameWords = Self.nameWords(lower)
            let rank = words.firstIndex(where: { lower.contains($0) })
                ?? intervalWords.firstIndex(where: { nameWords.contains(Substring($0)) }).map { words.count + $0 }
            if let rank {
                // Earlier words weigh more; an id-like ending weighs most for cases, a usual
                // name for the role (`event_name`, `event_type`) more than any word in one.
                var score = 100 - rank
                if role == "case" && Self.looksLikeID(lower) { score += 50 }
                if usual.contains(lower) || usual.contains(Self.lastPathPart(lower)) { score += 200 }
                scored.append((score, i))
            }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return scored.prefix(limit ?? scored.count).map { available[$0.index] }
    }

    /// `event_date`, `created_at`, `event_server_timestamp_offset`, `properties.time`: a name
    /// for a time (a word of it, split at `_ - . ` and spaces, is one).
    static func looksLikeTime(_ lower: String) -> Bool {
        let words = nameWords(lower)
        return words.contains { ["date", "time", "timestamp", "datetime", "ts", "timezone"].contains($0) }
            || words.last == "at" || timestampCandidates.contains(lastPathPart(lower))
    }

    /// `event_value_in_usd`, `order_count`: a name for a quantity, no activity.
    static func looksLikeQuantity(_ lower: String) -> Bool {
        nameWords(lower).contains { ["value", "usd", "amount", "count", "number", "revenue", "price", "total", "offset"].contains($0) }
    }

    /// The words of a name's last path part: `event_value_in_usd` → event, value, in, usd.
    static func nameWords(_ lower: String) -> [Substring] {
        lastPathPart(lower).split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " || $0 == "." })
    }

    /// `user_id`, `messageId`, `event_bundle_sequence_id`: a name for an identifier.
    static func looksLikeID(_ lower: String) -> Bool {
        let last = lastPathPart(lower)
        return last == "id" || last.hasSuffix("_id") || last.hasSuffix(" id") || last.hasSuffix("-id")
            || (last.hasSuffix("id") && last.count > 2 && !last.hasSuffix("aid") && !last.hasSuffix("oid")
                && !notIDWords.contains { last.hasSuffix($0) })
    }

    /// `event_id`, `EventId`, `ocel:eid`, `row_id`, `LineId`, `messageId`: the id of one event
    /// or row, not of a case (not `Record ID`: HubSpot's id of the deal or contact).
    static func looksLikeEventID(_ lower: String) -> Bool {
        let last = lastPathPart(lower)
        let squeezed = last.filter { $0 != "_" && $0 != "-" && $0 != " " }
        return last == "eid" || last.hasSuffix(":eid")
            || ["eventid", "rowid", "lineid", "messageid", "logid"].contains(squeezed)
    }

    /// Said when the header is an object-centric event log's (OCEL, as pm4py writes it as CSV).
    static let ocelHint = "this is an object-centric event log (OCEL): ocel:eid names each event, not a journey, and each ocel:type:TYPE column lists the objects an event touches; flatten it to one object type first (e.g. pm4py.ocel_flattening), whose object ids become the case"

    /// Words ending in "id" that are no identifier (sepsis log: `LacticAcid`).
    static let notIDWords = ["acid", "valid", "solid", "liquid", "fluid", "rapid", "humid", "hybrid", "grid"]

    /// The part after the last dot of a JSON path (`properties.time` → `time`).
    static func lastPathPart(_ lower: String) -> String {
        lower.lastIndex(of: ".").map { String(lower[lower.index(after: $0)...]) } ?? lower
    }

    /// Words before `_id` / ` id` / `Id` that name a person, deal or visit (`opportunity_id`,
    /// `Deal ID`, `contactId`): a case column when no usual name is found.
    static let caseIDSubjects = ["person", "people", "user", "customer", "client", "contact", "lead", "deal", "opportunity",
                                 "opp", "account", "session", "visitor", "member", "patient", "subscriber", "shopper",
                                 "buyer", "prospect", "ticket"]

    /// The first header name (in header order) that is an id of one of `caseIDSubjects`.
    func guessCaseByPattern(excluding used: Set<String>) -> String? {
        for name in available where !used.contains(name.lowercased()) {
            var lower = name.lowercased().trimmingSpaces()
            if let dot = lower.lastIndex(of: "."), source == .jsonPaths { lower = String(lower[lower.index(after: dot)...]) }
            for suffix in ["_id", " id", "-id", "id"] where lower.hasSuffix(suffix) {
                var subject = String(lower.dropLast(suffix.count))
                while subject.last == "_" || subject.last == " " { subject.removeLast() }
                // The last word before the id: "sales_opportunity_id" → "opportunity".
                let last = subject.split(whereSeparator: { $0 == "_" || $0 == " " || $0 == "-" }).last.map(String.init) ?? subject
                if Self.caseIDSubjects.contains(last) { return name }
            }
        }
        return nil
    }
}
