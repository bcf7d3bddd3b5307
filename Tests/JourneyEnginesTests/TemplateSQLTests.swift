import Testing
@testable import JourneyEngines
import JourneyCore

@Suite struct TemplateSQLTests {
    @Test func globsBecomeLikeOrRegex() throws {
        #expect(TemplateSQL.likePattern("view_*") == "view\\_%")
        #expect(TemplateSQL.likePattern("50%_off?") == "50\\%\\_off_")
        #expect(TemplateSQL.likePattern("[ck]art*") == nil)
        let rule = try TouchpointRule(pattern: .glob("[!ck]a.t*"), stage: "s")
        #expect(try TemplateSQL.regexPattern(glob: "[!ck]a.t*", rule: rule) == "[^ck]a\\.t.*")
    }

    @Test func literalsAreEscapedPerDialect() {
        #expect(SQLSyntax(dialect: .duckdb).literal("it's \\ x") == "'it''s \\ x'")
        #expect(SQLSyntax(dialect: .bigquery).literal("it's \\ x") == "'it\\'s \\\\ x'")
        #expect(SQLSyntax(dialect: .trino).literal("a\nb") == "'a\nb'")
        #expect(SQLSyntax(dialect: .spark).literal("a\nb") == "'a\\nb'")
    }

    @Test func rulesCompileInTemplateOrderWithStageIndices() throws {
        let template = try JourneyTemplate.parse(yaml: """
            id: t
            names: {en: T}
            stages:
              - {id: one, names: {en: One}, color: "#000000"}
              - {id: two, names: {en: Two}, color: "#111111"}
            touchpoints:
              - {match: [Product Viewed], touchpoint: Viewed, stage: two}
              - {regex: ["re(x|y)"], channel: Web, stage: one}
            """, file: "t.yaml")
        let sql = TemplateSQL(template: template, syntax: SQLSyntax(dialect: .postgresql))
        let tp = try sql.touchpointCase()
        #expect(tp.contains("WHEN (a = 'Product Viewed' OR n = 'product_viewed') THEN 'Viewed'"))
        #expect(tp.contains("WHEN ((a ~ '^(?:re(x|y))$') AND lower(ch) = 'web') THEN a"))
        #expect(tp.hasSuffix("ELSE a END"))
        let st = try sql.stageCase()
        #expect(st.contains("THEN 1\n") && st.contains("THEN 0\n") && st.hasSuffix("ELSE 2 END"))
    }

    @Test func unsupportedOptionsAreRefusedNamingTheFlag() {
        var mining = MiningOptions()
        mining.keepActivities = 0.9
        let q = MiningQuery(options: EngineMiningOptions(source: .table("t"), columns: EngineColumns(caseColumn: "c", activityColumn: "a", timestampColumn: "t"),
                                                         mining: mining), dialect: .duckdb)
        #expect(throws: EngineQueryError.self) { try q.text() }
        let files = MiningQuery(options: EngineMiningOptions(source: .files(["x.csv"]), columns: EngineColumns(caseColumn: "c", activityColumn: "a", timestampColumn: "t")),
                                dialect: .trino)
        #expect(throws: EngineQueryError("reading files is for --engine duckdb or spark; for trino load them into a table and give --table")) { try files.text() }
    }
}
