import Foundation
import Testing
@testable import JourneyCore

/// The repository root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct BuiltinTemplateFilesTests {
    @Test func everyTemplateFileIsEmbeddedVerbatimAndParses() throws {
        let dir = packageRoot.appendingPathComponent("templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count == BuiltinTemplates.all.count, "run scripts/embed-builtins")
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            let id = String(f.dropLast(5))
            #expect(BuiltinTemplates.all[id] == text, "templates/\(f) differs from its built-in copy: run scripts/embed-builtins")
            let t = try JourneyTemplate.parse(yaml: text, file: f)
            #expect(t.id == id)
        }
    }
}
