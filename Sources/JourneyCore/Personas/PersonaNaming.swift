import Foundation

/// Rules that name derived segments from their measured facts (`--names rules.yaml`);
/// segments no rule names are "Segment 1…k" (ordered by size). The first rule whose
/// conditions all hold and whose name is not taken yet names a segment; segments are
/// named largest first.
///
/// ```yaml
/// rules:
///   - name: {en: Store regulars, th: ลูกค้าหน้าร้าน}
///     top_channel: store            # the segment's most used channel
///   - name: Online buyers
///     min_conversion: 0.5           # conversion rate 0…1
///   - name: Browsers who leave
///     max_conversion: 0.1
///     drop_off_from: consideration  # the stage of the biggest drop-off
///     path_contains: product_view   # a touchpoint of the typical path
///     min_share: 0.05               # share of all journeys
/// ```
public struct PersonaNaming: Sendable, Equatable {
    public var rules: [Rule]

    public init(rules: [Rule] = []) { self.rules = rules }

    public struct Rule: Sendable, Equatable {
        public var name: LocalizedText
        public var topChannel: String?
        public var minConversion: Double?
        public var maxConversion: Double?
        public var minShare: Double?
        public var dropOffFrom: String?
        public var pathContains: String?

        public init(name: LocalizedText, topChannel: String? = nil, minConversion: Double? = nil,
                    maxConversion: Double? = nil, minShare: Double? = nil, dropOffFrom: String? = nil,
                    pathContains: String? = nil) {
            self.name = name
            self.topChannel = topChannel
            self.minConversion = minConversion
            self.maxConversion = maxConversion
            self.minShare = minShare
            self.dropOffFrom = dropOffFrom
            self.pathContains = pathContains
        }

        public func matches(_ f: PersonaFacts) -> Bool {
            if let c = topChannel, f.topChannels.first?.channel != c { return false }
            if let m = minConversion, f.conversionRate < m { return false }
            if let m = maxConversion, f.conversionRate > m { return false }
            if let m = minShare, f.share < m { return false }
            if let s = dropOffFrom, f.biggestDropOff?.from != s { return false }
            if let t = pathContains, !(f.typicalPath?.steps.contains { $0.touchpoint == t } ?? false) { return false }
            return true
        }
    }

    /// "Segment 3" / "กลุ่มที่ 3".
    public static func segmentName(_ rank: Int) -> LocalizedText {
        LocalizedText(["en": "Segment \(rank)", "th": "กลุ่มที่ \(rank)"])
    }

    /// Names the segments of `facts` (largest first): a rule's name, or nil for "Segment n".
    public func names(for facts: [PersonaFacts]) -> [LocalizedText?] {
        var taken: Set<Int> = []
        return facts.map { f in
            guard let r = rules.indices.first(where: { !taken.contains($0) && rules[$0].matches(f) }) else { return nil }
            taken.insert(r)
            return rules[r].name
        }
    }

    /// Reads naming rules; errors name the file, line and key.
    public static func parse(yaml text: String, file: String) throws -> PersonaNaming {
        let root = try YAMLValue.parse(text, file: file)
        try root.checkKeys(["rules"])
        return PersonaNaming(rules: try root.required("rules").list().map { node in
            try node.checkKeys(["name", "top_channel", "min_conversion", "max_conversion", "min_share",
                                "drop_off_from", "path_contains"])
            func share(_ key: String) throws -> Double? {
                guard let v = try node.optional(key) else { return nil }
                let x = try v.double()
                guard (0...1).contains(x) else { throw v.error("expected a share between 0 and 1, found \(x)") }
                return x
            }
            return Rule(name: try node.required("name").localized(),
                        topChannel: try node.optional("top_channel")?.string(),
                        minConversion: try share("min_conversion"), maxConversion: try share("max_conversion"),
                        minShare: try share("min_share"), dropOffFrom: try node.optional("drop_off_from")?.string(),
                        pathContains: try node.optional("path_contains")?.string())
        })
    }

    public static func load(path: String) throws -> PersonaNaming {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: path, line: nil, key: nil, message: "cannot read the naming rules file (UTF-8 YAML)")
        }
        return try parse(yaml: text, file: path)
    }
}
