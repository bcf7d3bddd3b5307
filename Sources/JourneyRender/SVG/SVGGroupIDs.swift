import JourneyScene

/// The ids, classes and data attributes of the semantic SVG's groups (docs: "Embedding the SVG").
///
/// Every tagged element of the scene becomes a `<g>` whose id says what it draws:
/// `stage-<slug>` (class `stage`), `stage-header-<slug>`, `touchpoint-<slug>` (class
/// `touchpoint`, `data-name`), `touchpoint-label-<slug>`, `flow-<from>-<to>` (class `flow`,
/// `data-from`, `data-to`), `flow-label-<from>-<to>`, `persona-<slug>`, `title`, `legend`,
/// `note-<slug>`, `lane-<slug>`, `divider`. Slugs are lowercased, every character that is not a
/// letter or digit becomes `_` (Thai letters stay as they are), so they never hold `-`; an id
/// already taken gets `-2`, `-3`, … in drawing order, so ids are unique and the same every time.
struct SVGGroupIDs {
    private var taken: Set<String>

    init(reserved: Set<String>) { taken = reserved }

    /// `Add to cart` → `add_to_cart`, `before/Cart` → `before_cart`, `การชำระเงิน` unchanged.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            let p = scalar.properties
            out.unicodeScalars.append(p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                                      || p.generalCategory == .spacingMark ? scalar : "_")
        }
        return out.isEmpty ? "_" : out
    }

    /// The class and the id (before making it unique) of a group drawing `tag`.
    static func base(_ tag: SceneTag) -> (cls: String, id: String) {
        switch tag.role {
        case .title: return ("title", "title")
        case .stageColumn: return ("stage", "stage-" + slug(tag.id))
        case .stageHeader: return ("stage-header", "stage-header-" + slug(tag.id))
        case .touchpointBox: return ("touchpoint", "touchpoint-" + slug(tag.id))
        case .nodeLabel: return ("touchpoint-label", "touchpoint-label-" + slug(tag.id))
        case .edgePath: return ("flow", "flow-" + slug(tag.from ?? tag.id) + "-" + slug(tag.to ?? ""))
        case .edgeLabel: return ("flow-label", "flow-label-" + slug(tag.from ?? tag.id) + "-" + slug(tag.to ?? ""))
        case .arrowhead: return ("arrowhead", "arrowhead-" + slug(tag.id))
        case .legend: return ("legend", "legend")
        case .note: return ("note", "note-" + slug(tag.id))
        case .lane: return ("lane", "lane-" + slug(tag.id))
        case .swimlane: return ("swimlane", "swimlane-" + slug(tag.id))
        case .swimlaneLabel: return ("swimlane-label", "swimlane-label-" + slug(tag.id))
        case .divider: return ("divider", "divider")
        case .personaCard: return ("persona", "persona-" + slug(tag.id))
        }
    }

    /// A unique id for the next group drawing `tag`.
    mutating func id(for tag: SceneTag) -> String {
        let base = Self.base(tag).id
        var id = base, k = 1
        while taken.contains(id) {
            k += 1
            id = "\(base)-\(k)"
        }
        taken.insert(id)
        return id
    }

    /// The group's data attributes: what it stands for, in the scene's own ids.
    static func dataAttributes(_ tag: SceneTag) -> [(String, String)] {
        var out: [(String, String)] = []
        switch tag.role {
        case .touchpointBox, .nodeLabel, .personaCard:
            out.append(("data-id", tag.id))
            out.append(("data-name", tag.name ?? tag.id))
            if let stage = tag.stage { out.append(("data-stage", stage)) }
            if let lane = tag.lane { out.append(("data-lane", lane)) }
        case .swimlane:
            out.append(("data-lane", tag.id))
        case .edgePath, .edgeLabel:
            if let from = tag.from { out.append(("data-from", from)) }
            if let to = tag.to { out.append(("data-to", to)) }
            if let value = tag.value { out.append(("data-value", SVGNumber.format(value))) }
        case .stageColumn, .stageHeader:
            out.append(("data-stage", tag.id))
        default:
            break
        }
        return out
    }
}
