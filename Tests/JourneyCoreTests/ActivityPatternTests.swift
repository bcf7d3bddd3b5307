import Testing
@testable import JourneyCore
@testable import JourneyIO

/// `GlobPattern`, `ActivityFilter` and GA4's key/value list lookup, without the binary.
@Suite struct ActivityPatternTests {
    @Test func globMatchesWholeNames() {
        let cases: [(String, String, Bool)] = [
            ("view*", "view", true), ("view*", "view · phones", true), ("view*", "preview", false),
            ("*cart", "add_to_cart", true), ("*cart*", "cart", true), ("page_?", "page_1", true), ("page_?", "page_12", false),
            ("", "", true), ("", "a", false), ("*", "", true), ("a*b*c", "abxbc", true), ("a*b*c", "acb", false),
            ("/product/*/reviews", "/product/12/reviews", true), ("ห*", "หน้าแรก", true), ("?", "ห", true),
        ]
        for (pattern, name, expected) in cases {
            #expect((try! GlobPattern(pattern)).matches(name) == expected, "\(pattern) ~ \(name)")
        }
    }

    @Test func hostileGlobStaysFast() {
        // A backtracking matcher takes exponential steps here; the two-pointer one is quadratic
        // at worst: bounded by counting its steps, not by a clock.
        let pattern = String(repeating: "*a", count: 40) + "*b"
        let name = String(repeating: "a", count: 5000)
        var steps = 0
        #expect(!(try! GlobPattern(pattern)).matches(name, steps: &steps))
        #expect(steps <= (name.count + 1) * (pattern.count + 1), "\(steps) steps")
        // One star: linear.
        steps = 0
        #expect((try! GlobPattern("*a")).matches(name, steps: &steps))
        #expect(steps <= 2 * (name.count + 1), "\(steps) steps")
    }

    /// One glob everywhere (templates, --include/--exclude, --milestones): `[` opens a set,
    /// `?` is one character (a Thai letter with its marks too), an unclosed set is refused.
    @Test func includeGlobsAreTemplateGlobs() throws {
        #expect(try GlobPattern("[vV]iew*").matches("View cart"))
        #expect(try !GlobPattern("[!v]iew").matches("view"))
        #expect(try GlobPattern("[[]draft] *").matches("[draft] post"))
        #expect(try GlobPattern("page_?").matches("page_ที่"))
        #expect(try GlobPattern("หน้า*").starText(in: "หน้าแรก") == "แรก")
        #expect(throws: MiningError.self) { try ActivityFilter(include: ["[abc"], exclude: []).compiled() }
        #expect(throws: MilestoneSpec.ParseError.self) { try MilestoneSpec(parsing: "Date entered [*") }
    }

    @Test func starTextNamesMilestones() throws {
        #expect(try GlobPattern("Date entered *").starText(in: "Date entered Won") == "Won")
        #expect(try GlobPattern("*_date").starText(in: "close_date") == "close")
        #expect(try GlobPattern("Date entered *").starText(in: "Deal name") == nil)
        #expect(try GlobPattern("*_*").starText(in: "a_b") == nil)
        #expect(MilestoneSpec.bareName(" \"Closed won (Sales Pipeline)\" ") == "Closed won (Sales Pipeline)")
    }

    @Test func filterIncludesThenExcludes() throws {
        let f = try ActivityFilter(include: ["view*", "re:^cart$"], exclude: ["*static*", "re:\\.css$"]).compiled()
        #expect(f.keeps("view"))
        #expect(f.keeps("cart"))
        #expect(!f.keeps("cart2"))
        #expect(!f.keeps("view static"))
        #expect(!f.keeps("purchase"))
        let onlyExclude = try ActivityFilter(exclude: ["re:\\.(css|js)$"]).compiled()
        #expect(onlyExclude.keeps("/home") && !onlyExclude.keeps("/app.js"))
        #expect(throws: MiningError.self) { try ActivityFilter(include: ["re:(a"]).compiled() }
    }

    @Test func keyValueListLookup() {
        let list = #"[{"key":"page_title","value":{"string_value":"Home \"1\"","int_value":null}},{"key":"ga_session_id","value":{"string_value":null,"int_value":"1611964800","float_value":null,"double_value":null}},{"key":"value","value":{"double_value":12.5}}]"#
        let reader = KeyValueListReader()
        func lookup(_ key: String, _ text: String = list) -> String? {
            Array(text.utf8).withUnsafeBytes { bytes in
                reader.value(of: Array(key.utf8), in: bytes).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        #expect(lookup("ga_session_id") == "1611964800")
        #expect(lookup("page_title") == "Home \"1\"")
        #expect(lookup("value") == "12.5")
        #expect(lookup("missing") == nil)
        #expect(lookup("ga_session_id", "[]") == nil)
        #expect(lookup("ga_session_id", "not json") == nil)
        #expect(lookup("ga_session_id", "[{\"key\":\"ga_session_id\",\"value\":{\"int_value\":null}}]") == nil)
        // Wrapped in an object of one key, pretty-printed (a public GA4 CSV export's shape).
        let wrapped = "{\n  \"event_params\": [{\n    \"key\": \"ga_session_id\",\n    \"value\": {\n      \"string_value\": null,\n      \"int_value\": \"1611964800\"\n    }\n  }]\n}"
        #expect(lookup("ga_session_id", wrapped) == "1611964800")
        #expect(lookup("ga_session_id", "{\"a\\\"b\": " + list + "}") == "1611964800")
        #expect(lookup("ga_session_id", "{\"event_params\": 5}") == nil)
        #expect(KeyedPath.parse("event_params.ga_session_id") == KeyedPath(list: "event_params", key: Array("ga_session_id".utf8)))
        #expect(KeyedPath.parse("user_properties.plan")?.list == "user_properties")
        #expect(KeyedPath.parse("properties.plan") == nil)
        #expect(KeyedPath.parse("event_params.") == nil)
    }
}
