import JourneyCore

/// Loads one fuzz input as a journey template; a loaded template then assigns a few activities
/// (which runs its globs and regexes). A `TemplateError` is the expected refusal. The same
/// bytes are also taken as `pattern NUL name` for the matchers themselves (`fuzzMatcher`).
public func fuzzTemplateBytes(_ bytes: [UInt8]) {
    fuzzMatcher(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    let template: JourneyTemplate
    do {
        template = try JourneyTemplate.parse(yaml: text, file: "fuzz.yaml")
    } catch is TemplateError {
        return
    } catch {
        fatalError("template loader threw something other than a TemplateError: \(error)")
    }
    for activity in ["", "page_view", "add_to_cart", "ซื้อสินค้า", "a*b?c[d]", String(repeating: "a", count: 31) + "!"] {
        do { _ = try template.assign(activity: activity, channel: "web") } catch is TemplateError {
        } catch { fatalError("assign threw something other than a TemplateError: \(error)") }
    }
}

/// `pattern NUL name`: the glob matcher must agree with a plain dynamic-programming matcher
/// (patterns without sets), and a regex must answer or throw a `TemplateError` (its budget).
func fuzzMatcher(_ bytes: [UInt8]) {
    guard let nul = bytes.firstIndex(of: 0) else { return }
    let pattern = String(decoding: bytes[..<nul], as: UTF8.self)
    let name = String(decoding: bytes[(nul + 1)...], as: UTF8.self)
    if let glob = try? TouchpointRule(pattern: .glob(pattern), stage: "s", source: "fuzz.yaml:1") {
        let fast = (try? glob.matches(activity: name, channel: "")) ?? false
        if !pattern.contains("["), fast != referenceGlob(Array(pattern), Array(name)) {
            fatalError("glob \(pattern.debugDescription) on \(name.debugDescription): matcher says \(fast)")
        }
    }
    if let regex = try? TouchpointRule(pattern: .regex(pattern), stage: "s", source: "fuzz.yaml:1") {
        do { _ = try regex.matches(activity: name, channel: "") } catch is TemplateError {
        } catch { fatalError("regex threw something other than a TemplateError: \(error)") }
    }
}

/// Whole-name glob match by dynamic programming over (pattern prefix, name prefix): `*` and `?`.
func referenceGlob(_ p: [Character], _ s: [Character]) -> Bool {
    var row = [Bool](repeating: false, count: s.count + 1)
    row[0] = true
    for c in p {
        var next = [Bool](repeating: false, count: s.count + 1)
        if c == "*" {
            var any = false
            for j in 0...s.count { any = any || row[j]; next[j] = any }
        } else {
            for j in 0..<s.count where row[j] && (c == "?" || c == s[j]) { next[j + 1] = true }
        }
        row = next
    }
    return row[s.count]
}
