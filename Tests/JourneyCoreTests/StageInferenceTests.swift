import Testing
@testable import JourneyCore

@Suite struct StageInferenceTests {
    @Test(arguments: [
        ("Product Viewed", "product_viewed"), ("productViewed", "product_viewed"), ("product-viewed", "product_viewed"),
        ("PRODUCT_VIEWED", "product_viewed"), ("  Order  Completed ", "order_completed"), ("addToCart2", "add_to_cart2"),
        ("ซื้อสินค้า", "ซื้อสินค้า"), ("T02 Check confirmation", "t02_check_confirmation"), ("", ""),
    ])
    func namesNormalise(_ name: String, _ expected: String) {
        #expect(ActivityName.normalized(name) == expected)
    }

    @Test func globsNormaliseButKeepWildcardsAndSets() throws {
        #expect(ActivityName.normalizedGlob("*_Viewed") == "*_viewed")
        #expect(ActivityName.normalizedGlob("payment_*") == "payment_*")
        #expect(ActivityName.normalizedGlob("[A-C]x") == "[a-c]x")
        let rule = try TouchpointRule(pattern: .glob("payment_*"), stage: "decision")
        #expect(try rule.matches(activity: "Payment Card", channel: ""))
        #expect(try rule.matches(activity: "paymentDone", channel: ""))
        #expect(try !rule.matches(activity: "prepayment", channel: ""))
        let exact = try TouchpointRule(pattern: .exact("Order Completed"), stage: "decision")
        #expect(try exact.matches(activity: "order_completed", channel: ""))
        // Regular expressions see the name as written.
        let regex = try TouchpointRule(pattern: .regex("^Buy$"), stage: "decision")
        #expect(try regex.matches(activity: "Buy", channel: "") && !(try regex.matches(activity: "buy", channel: "")))
    }

    @Test func firstMatchWinsWithTheIndex() throws {
        let rules = [try TouchpointRule(pattern: .glob("*_view"), stage: "a"),
                     try TouchpointRule(pattern: .exact("product_view"), stage: "b"),
                     try TouchpointRule(pattern: .exact("cart"), stage: "c")]
        let m = RuleMatcher(rules)
        #expect(try m.firstMatch(activity: "Product View", channel: "") == 0)
        #expect(try m.firstMatch(activity: "Cart", channel: "") == 2)
        #expect(try m.firstMatch(activity: "checkout", channel: "") == nil)
    }

    @Test func paletteFillsFreeColours() {
        #expect(StagePalette.fill([nil, "#4E79A7", nil]) == ["#f28e2b", "#4E79A7", "#59a14f"])
        let many = StagePalette.fill([String?](repeating: nil, count: 12))
        #expect(Array(many.prefix(10)) == StagePalette.colors && many[10] == StagePalette.colors[0])
    }

    @Test func cutSeparatesClusters() {
        let points: [(value: Double, weight: Int)] = [(0.0, 5), (0.02, 3), (0.5, 4), (0.52, 1), (0.97, 2), (1.0, 9)]
        #expect(StageInference.cut(points, into: 3) == [0..<2, 2..<4, 4..<6])
        #expect(StageInference.cut(points, into: 1) == [0..<6])
        #expect(StageInference.cut(points, into: 9).count == 6)
        #expect(StageInference.cut([], into: 3).isEmpty)
    }

    @Test func phaseNamesStayShort() {
        #expect(StageInference.phaseName(["Register", "Check"]) == "Register · Check")
        // Two names up to 48 characters (a header's two lines): pm4py's hiring log.
        #expect(StageInference.phaseName(["Application Rejected", "Behavioral Interview"]) == "Application Rejected · Behavioral Interview")
        #expect(StageInference.phaseName(["A very long activity name here", "Other activity name"]) == "A very long activity name here")
        #expect(StageInference.phaseName(["T10 Determine necessity to stop indication"]) == "T10 Determine necessity to stop indication")
        #expect(StageInference.phaseName([String(repeating: "x", count: 60)]).count == 48)
    }

    /// Stages inferred from journeys of web pages (touchpoint ids in `names`), none placed by a
    /// template: the derived template.
    func inferred(_ names: [String], journeys: [([Int32], Int)]) -> JourneyTemplate {
        let positions = PositionHistogram(touchpointCount: names.count)
        for (path, times) in journeys { for _ in 0..<times { positions.add(journey: path) } }
        let template = JourneyTemplate(id: "empty", names: LocalizedText(["en": "empty"]), defaultLanguage: "en",
                                       stages: [], rules: [], unassigned: .unassigned)
        return StageInference(template: template, touchpoints: names.map { ($0, 0) }, stages: [.unassigned],
                              positions: positions).derived
    }

    func stageIndex(_ template: JourneyTemplate, _ activity: String) throws -> Int {
        let stage = try template.assign(activity: activity, channel: "").stage
        return try #require(template.stages.firstIndex { $0.id == stage }, "\(activity) in \(stage)")
    }

    /// A rare spelling of a busy page ("/pricing" beside "/pricing/", one exact rule places
    /// both) no longer takes the busy page into its own phase: they are phased together, where
    /// the busy one's events are, and the phase is named after the busy one (apache_logs put
    /// a 128-event page in the first phase by a 1-event spelling of it).
    @Test func spellingsOfOneNameArePhasedTogether() throws {
        let names = ["/", "/blog", "/docs", "/pricing/", "/pricing", "/signup", "/thanks", "/a", "/b"]
        let t = inferred(names, journeys: [([0, 1, 2, 3, 5, 6], 50), ([4, 7, 8], 1), ([7, 8, 1, 2], 20)])
        let busy = try stageIndex(t, "/pricing/"), rare = try stageIndex(t, "/pricing")
        #expect(busy == rare)
        #expect(busy > (try stageIndex(t, "/")), "the busy page sits after the landing page")
        #expect(t.stages[busy].names.text("en").contains("/pricing/") || !t.stages[busy].names.text("en").contains("/pricing"))
    }

    /// A template stage placing the first and the last step of a refund log ("Order created",
    /// "Order completed" on Decision) keeps the first; the last, far from the rest of its
    /// stage, is phased with the unmatched steps, after them. (A second kept stage, Retention
    /// for "Refund issued": one stage alone is phased too, `aLoneTemplateStageIsPhased`.)
    @Test func aStepFarFromTheRestOfItsStageIsPhased() throws {
        let decision = StageDefinition(id: "decision", names: LocalizedText(["en": "Decision"]), color: "")
        let retention = StageDefinition(id: "retention", names: LocalizedText(["en": "Retention"]), color: "")
        let template = JourneyTemplate(id: "t", names: LocalizedText(["en": "t"]), defaultLanguage: "en", stages: [decision, retention],
                                       rules: [try TouchpointRule(pattern: .exact("Order created"), stage: "decision"),
                                               try TouchpointRule(pattern: .exact("Order completed"), stage: "decision"),
                                               try TouchpointRule(pattern: .exact("Refund issued"), stage: "retention")],
                                       unassigned: .unassigned)
        let names = ["Order created", "Request signed", "Product received", "Refund issued", "Order completed"]
        let positions = PositionHistogram(touchpointCount: names.count)
        for _ in 0..<40 { positions.add(journey: [0, 1, 2, 3, 4] as [Int32]) }
        let placed = [0, 2, 2, 1, 0]
        let derived = StageInference(template: template, touchpoints: names.enumerated().map { ($1, placed[$0]) },
                                     stages: [decision, retention, .unassigned], positions: positions).derived
        let stage = try names.map { try stageIndex(derived, $0) }
        #expect(derived.stages[stage[0]].id == "decision", "\(stage)")
        #expect(derived.stages[stage[3]].id == "retention", "\(stage)")
        #expect(stage[4] != stage[0] && stage[4] >= stage[3] && stage[3] >= stage[1], "\(stage)")
    }

    /// One template stage alone among inferred phases, placed by patterns only (Disco's
    /// call-centre log: "Email Outbound" on Awareness by the `email_*` rule, the other steps
    /// unmatched) is a word match,
    /// not the template's journey: it is phased with the rest, named by its step, the template
    /// called inferred; the map keeps as many columns as the stage and the phases had.
    @Test func aLoneTemplateStageIsPhased() throws {
        let awareness = StageDefinition(id: "awareness", names: LocalizedText(["en": "Awareness"]), color: "")
        let template = JourneyTemplate(id: "t", names: LocalizedText(["en": "Customer journey"]), defaultLanguage: "en", stages: [awareness],
                                       rules: [try TouchpointRule(pattern: .glob("email_*"), stage: "awareness")],
                                       unassigned: .unassigned)
        let names = ["Inbound Call", "Handle Case", "Email Outbound", "Call Outbound", "Inbound Email", "Handle Email"]
        let positions = PositionHistogram(touchpointCount: names.count)
        for _ in 0..<30 { positions.add(journey: [0, 1, 2, 3] as [Int32]) }
        for _ in 0..<20 { positions.add(journey: [4, 5, 2] as [Int32]) }
        let derived = StageInference(template: template, touchpoints: names.enumerated().map { ($1, $0 == 2 ? 0 : 1) },
                                     stages: [awareness, .unassigned], positions: positions).derived
        #expect(derived.id == "inferred")
        #expect(!derived.stages.contains { $0.id == "awareness" }, "\(derived.stages.map(\.id))")
        #expect(derived.stages.count == 3, "\(derived.stages.map { $0.names.text("en") })")
        let email = try stageIndex(derived, "Email Outbound")
        #expect(derived.stages[email].names.text("en").contains("Email Outbound") || derived.stages[email].names.text("en").contains("Handle"))
        // Placed by an exact rule (the template spells the name out), the stage is kept.
        let exact = JourneyTemplate(id: "t", names: LocalizedText(["en": "Customer journey"]), defaultLanguage: "en", stages: [awareness],
                                    rules: [try TouchpointRule(pattern: .exact("email_outbound"), stage: "awareness")],
                                    unassigned: .unassigned)
        let spelled = StageInference(template: exact, touchpoints: names.enumerated().map { ($1, $0 == 2 ? 0 : 1) },
                                     stages: [awareness, .unassigned], positions: positions).derived
        #expect(spelled.stages.contains { $0.id == "awareness" })
        // A rule that renames into the stage keeps it (the renamed name would not be matched again).
        let renaming = JourneyTemplate(id: "t", names: LocalizedText(["en": "Customer journey"]), defaultLanguage: "en", stages: [awareness],
                                       rules: [try TouchpointRule(pattern: .glob("email_*"), touchpoint: "Email Outbound", stage: "awareness")],
                                       unassigned: .unassigned)
        let kept = StageInference(template: renaming, touchpoints: names.enumerated().map { ($1, $0 == 2 ? 0 : 1) },
                                  stages: [awareness, .unassigned], positions: positions).derived
        #expect(kept.stages.contains { $0.id == "awareness" })
    }

    /// A step early in long journeys but always after one that opens the short ones (a
    /// honeypot's successful login, followed by many commands, after the client's version) is
    /// phased after it, and no move goes back to an earlier phase.
    @Test func phasesFollowTheMovesNotOnlyThePositions() throws {
        let names = ["connect", "version", "failed", "success", "command", "closed"]
        let t = inferred(names, journeys: [([0, 1, 2, 5], 70),
                                            ([0, 1, 3] + [Int32](repeating: 4, count: 20) + [5], 30)])
        let stage = try names.map { try stageIndex(t, $0) }
        #expect(stage[1] <= stage[3] && stage[3] <= stage[4], "\(stage)")
        for path: [Int32] in [[0, 1, 2, 5], [0, 1, 3, 4, 5]] {
            for (a, b) in zip(path, path.dropFirst()) { #expect(stage[Int(a)] <= stage[Int(b)], "\(names[Int(a)]) → \(names[Int(b)]): \(stage)") }
        }
    }

    /// A one-event journey (a bounce) is at its start: a landing page most visitors leave at
    /// once is in the first phase, not the middle one.
    @Test func bouncesCountAsStarts() throws {
        let names = ["/", "/features", "/pricing", "/signup", "/welcome", "/dashboard", "/settings", "/billing", "/help"]
        let t = inferred(names, journeys: [([0], 80), ([0, 1, 2, 3, 4, 5, 6, 7, 8], 20), ([1, 2, 3, 4, 5, 6, 7, 8], 5)])
        #expect(try stageIndex(t, "/") == 0)
        #expect(try stageIndex(t, "/help") == t.stages.count - 1)
    }

    @Test func minEffectNeedsBothSignificanceAndSize() {
        let pairs = [(Proportion(count: 50_000, total: 100_000), Proportion(count: 50_700, total: 100_000)),
                     (Proportion(count: 40_000, total: 100_000), Proportion(count: 45_000, total: 100_000))]
        let strict = JourneyComparison.test(pairs, options: ComparisonOptions())
        #expect(strict[0].status == .belowMinEffect && strict[0].tested && !strict[0].significant)
        #expect(strict[1].status == .significant)
        let loose = JourneyComparison.test(pairs, options: ComparisonOptions(minEffect: 0))
        #expect(loose[0].status == .significant)
    }
}
