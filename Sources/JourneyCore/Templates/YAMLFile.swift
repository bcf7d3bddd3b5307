import Yams

/// A problem in a YAML file (template, theme, persona), naming the file, line and key.
public struct TemplateError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .badInput }
    public var file: String
    public var line: Int?
    /// Dotted path of the key, e.g. `stages[2].color`.
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ":"
        if let key, !key.isEmpty { s += " \(key):" }
        return s + " " + message
    }
}

/// A YAML node with the file and key path it came from, so every accessor can throw a
/// `TemplateError` that says where. Used by the template, theme and persona loaders.
public struct YAMLValue {
    public let node: Node
    public let file: String
    /// Dotted key path from the document root.
    public let path: String

    /// Parses `text`; a syntax error becomes a `TemplateError` with the line libyaml reports.
    public static func parse(_ text: String, file: String) throws -> YAMLValue {
        do {
            // The basic resolver: every value is read as text by the accessors below, so the default
            // resolver's tag rules (regular expressions, built at first use: ~1.5 ms of each run's
            // start) would only be checked for duplicate keys, which compare the text anyway.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw TemplateError(file: file, line: 1, key: nil, message: "empty file: expected a YAML mapping")
            }
            return YAMLValue(node: node, file: file, path: "")
        } catch let e as TemplateError {
            throw e
        } catch let e as YamlError {
            throw TemplateError(file: file, line: Self.line(of: e), key: nil, message: "not valid YAML: \(Self.problem(of: e))")
        } catch {
            throw TemplateError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")
        }
    }

    public var line: Int? { node.mark?.line }

    public func error(_ message: String) -> TemplateError {
        TemplateError(file: file, line: line, key: path, message: message)
    }

    /// The mapping's value for `key`, nil when absent.
    public func optional(_ key: String) throws -> YAMLValue? {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        for (k, v) in mapping where k.string == key {
            return YAMLValue(node: v, file: file, path: path.isEmpty ? key : "\(path).\(key)")
        }
        return nil
    }

    /// The mapping's value for `key`; throws when absent.
    public func required(_ key: String) throws -> YAMLValue {
        guard let v = try optional(key) else {
            throw error("missing required key \"\(key)\"")
        }
        return v
    }

    /// Keys of a mapping in file order.
    public func keys() throws -> [String] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        return mapping.keys.compactMap { $0.string }
    }

    /// Rejects keys not in `allowed` (catches typos like `colour`).
    public func checkKeys(_ allowed: Set<String>) throws {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        for (k, _) in mapping {
            let name = k.string ?? "?"
            if !allowed.contains(name) {
                throw TemplateError(file: file, line: k.mark?.line, key: path.isEmpty ? name : "\(path).\(name)",
                                    message: "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    public func string() throws -> String {
        guard case .scalar(let s) = node else { throw error("expected a text value") }
        return s.string
    }

    public func double() throws -> Double {
        guard case .scalar(let s) = node, let v = Double(s.string) else { throw error("expected a number") }
        return v
    }

    public func int() throws -> Int {
        guard case .scalar(let s) = node, let v = Int(s.string) else { throw error("expected a whole number") }
        return v
    }

    public func bool() throws -> Bool {
        guard case .scalar(let s) = node else { throw error("expected true or false") }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, found \"\(s.string)\"")
        }
    }

    public func list() throws -> [YAMLValue] {
        guard case .sequence(let seq) = node else { throw error("expected a list (lines starting with -)") }
        return seq.enumerated().map { YAMLValue(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    /// A list of strings, also accepting a single string.
    public func strings() throws -> [String] {
        if case .scalar = node { return [try string()] }
        return try list().map { try $0.string() }
    }

    /// `{en: …, th: …}` or a plain string (taken as English).
    public func localized() throws -> LocalizedText {
        if case .scalar(let s) = node { return LocalizedText(["en": s.string]) }
        var values: [String: String] = [:]
        for k in try keys() { values[k] = try required(k).string() }
        guard !values.isEmpty else { throw error("expected names by language, e.g. {en: Awareness, th: การทำความรู้จัก}") }
        return LocalizedText(values)
    }

    /// A `#rrggbb` colour.
    public func color() throws -> String {
        let s = try string()
        let hex = s.hasPrefix("#") ? s.dropFirst() : Substring(s)
        guard (hex.count == 6 || hex.count == 3 || hex.count == 8), hex.allSatisfy(\.isHexDigit) else {
            throw error("expected a colour like \"#1f77b4\", found \"\(s)\"")
        }
        return s.hasPrefix("#") ? s : "#" + s
    }

    private static func line(of e: YamlError) -> Int? {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default: return nil
        }
    }

    private static func problem(of e: YamlError) -> String {
        switch e {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(e)"
        }
    }
}
