import JourneyCore

/// Loads one fuzz input as a journey template; a loaded template then assigns a few activities
/// (which runs its globs and regexes). A `TemplateError` is the expected refusal.
public func fuzzTemplateBytes(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let template: JourneyTemplate
    do {
        template = try JourneyTemplate.parse(yaml: text, file: "fuzz.yaml")
    } catch is TemplateError {
        return
    } catch {
        fatalError("template loader threw something other than a TemplateError: \(error)")
    }
    for activity in ["", "page_view", "add_to_cart", "ซื้อสินค้า", "a*b?c[d]"] {
        _ = template.assign(activity: activity, channel: "web")
    }
}
