@_spi(JourneyIO) import JourneyCore
/// `--milestones`: which date columns of a wide table are events, and what each is called.
///
/// `engage_date=Engaging,close_date=Closed` names columns and their events (`engage_date`
/// alone is an event called `engage_date`); a glob `Date entered *` takes every matching
/// column, in header order, each named after what its `*` stood for (`Date entered Won` →
/// `Won`; a glob without exactly one `*` names events after their columns). Entries are
/// separated by commas, names and globs compared case-sensitively, the whole column name.
public struct MilestoneSpec: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        case column(String, event: String)
        case glob(GlobPattern)
    }

    public var entries: [Entry]

    public struct ParseError: Error, Sendable {
        public var message: String
    }

    public init(parsing text: String) throws {
        var entries: [Entry] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(part).trimmingSpaces()
            guard !item.isEmpty else {
                throw ParseError(message: "an empty entry; expected COLUMN=EVENT,COLUMN=EVENT or a glob like \"Date entered *\"")
            }
            if let eq = item.firstIndex(of: "=") {
                let column = String(item[..<eq]).trimmingSpaces(), event = String(item[item.index(after: eq)...]).trimmingSpaces()
                guard !column.isEmpty else { throw ParseError(message: "\"\(item)\" has no column before '='") }
                entries.append(.column(column, event: event.isEmpty ? column : event))
            } else if item.contains("*") || item.contains("?") {
                do { entries.append(.glob(try GlobPattern(item))) } catch {
                    throw ParseError(message: "\"\(item)\": \(error.description) (in a glob, [abc] is one character of a set; [[] is a literal [)")
                }
            } else {
                entries.append(.column(item, event: item))
            }
        }
        self.entries = entries
    }

    /// The text a glob's `*` stood for, without spaces or a pair of quotes around it (HubSpot
    /// writes `Date entered "Qualified to buy (Sales Pipeline)"`).
    static func bareName(_ text: String) -> String {
        var s = text.trimmingSpaces()
        if s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        return s
    }

    /// The spec as given (`engage_date=Engaging, Date entered *`), for the columns report.
    public var description: String {
        entries.map { entry in
            switch entry {
            case .column(let c, let e): return c == e ? c : "\(c)=\(e)"
            case .glob(let g): return g.pattern
            }
        }.joined(separator: ", ")
    }

    /// One resolved milestone: the header field, its column name and the event's name.
    public struct Column: Sendable, Equatable {
        public var index: Int
        public var column: String
        public var event: String
    }

    /// The milestone columns of `header`, in the order given (a glob's matches in header
    /// order). Throws an `InputError` naming the entry that matches no column.
    func resolve(in resolver: ColumnResolver) throws -> [Column] {
        var out: [Column] = []
        for entry in entries {
            switch entry {
            case .column(let name, let event):
                let found = try resolver.require(name, role: "milestone")
                try resolver.checkUnique(found)
                out.append(Column(index: resolver.index(of: found)!, column: found, event: event))
            case .glob(let glob):
                let matches = resolver.available.indices.filter { glob.matches(resolver.available[$0]) }
                guard !matches.isEmpty else {
                    throw InputError(file: resolver.file, line: 1, message:
                        "--milestones \"\(glob.pattern)\" matches no column (globs match whole names, case-sensitively); \(resolver.listing)")
                }
                for i in matches {
                    let name = resolver.available[i]
                    let event = glob.starText(in: name).map(Self.bareName).flatMap { $0.isEmpty ? nil : $0 } ?? name
                    out.append(Column(index: i, column: name, event: event))
                }
            }
        }
        return out
    }
}
