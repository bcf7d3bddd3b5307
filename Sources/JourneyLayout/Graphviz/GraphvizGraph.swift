import CGraphviz
import CGraphvizShim

/// A cgraph root graph for the length of one scope, and attribute setting on its objects.
///
/// `with` opens the graph with `GraphvizIDDiscipline` and closes it (then frees the discipline)
/// when the scope ends, also on throw. The pointers inside never leave that scope.
/// Requires `GraphvizLock`.
struct GraphvizGraph {
    /// Graph, node or edge kind for `agattr` (cgraph's `AGRAPH`, `AGNODE`, `AGEDGE`).
    enum Kind: Int32 {
        case graph = 0, node = 1, edge = 2
    }

    let root: UnsafeMutablePointer<Agraph_t>
    private var symbols: [Kind: [GraphvizAttribute: UnsafeMutablePointer<Agsym_t>]] = [:]

    private init(root: UnsafeMutablePointer<Agraph_t>) { self.root = root }

    /// Runs `body` with a new, empty directed graph (multi-edges and loops allowed).
    /// The corresponding C functions are `agopen` and `agclose`.
    static func with<T>(_ body: (inout GraphvizGraph) throws -> T) throws -> T {
        let discipline = GraphvizIDDiscipline.allocate()
        defer { discipline.deallocate() }   // after agclose (defers run in reverse order)
        let root = try GraphvizMessages.check("agopen") {
            "journeymap".withCString { agopen(UnsafeMutablePointer(mutating: $0), jm_agdirected(), discipline.disc) }
        }
        defer { agclose(root) }
        var graph = GraphvizGraph(root: root)
        return try body(&graph)
    }

    /// Sets `attribute` to `value` on `object` (the root graph, a subgraph, a node or an edge of
    /// this graph, as `kind` says). An attribute not yet declared for `kind` is first declared
    /// with `agattr(root, kind, name, "")`: an empty default, which Graphviz reads as "use your
    /// own default" on every object left unset. cgraph copies both strings.
    /// The corresponding C functions are `agattr` and `agxset`.
    mutating func set(_ attribute: GraphvizAttribute, _ value: String, on object: UnsafeMutableRawPointer,
                      kind: Kind) throws {
        let symbol = try self.symbol(attribute, kind: kind)
        try GraphvizMessages.check("agxset(\(attribute))") {
            value.withCString { agxset(object, symbol, UnsafeMutablePointer(mutating: $0)) }
        }
    }

    /// Sets every attribute of `attributes` in name order (a `Dictionary` has no stable order).
    mutating func set(_ attributes: [GraphvizAttribute: String], on object: UnsafeMutableRawPointer,
                      kind: Kind) throws {
        for name in attributes.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            try set(name, attributes[name]!, on: object, kind: kind)
        }
    }

    private mutating func symbol(_ attribute: GraphvizAttribute, kind: Kind) throws -> UnsafeMutablePointer<Agsym_t> {
        if let known = symbols[kind]?[attribute] { return known }
        let root = self.root
        let symbol = try attribute.rawValue.withCString { name in
            let name = UnsafeMutablePointer(mutating: name)
            if let declared = agattr(root, kind.rawValue, name, nil) { return declared }
            return try GraphvizMessages.check("agattr(\(attribute))") {
                "".withCString { agattr(root, kind.rawValue, name, UnsafeMutablePointer(mutating: $0)) }
            }
        }
        symbols[kind, default: [:]][attribute] = symbol
        return symbol
    }

    /// A new subgraph of `parent`; its name must be unique in the graph, and start with
    /// "cluster" for dot to draw it as a cluster. The corresponding C function is `agsubg`.
    func subgraph(named name: String, in parent: UnsafeMutablePointer<Agraph_t>) throws -> UnsafeMutablePointer<Agraph_t> {
        try GraphvizMessages.check("agsubg") {
            name.withCString { agsubg(parent, UnsafeMutablePointer(mutating: $0), 1) }
        }
    }

    /// A new node of the root graph. The corresponding C function is `agnode`.
    func node(named name: String) throws -> UnsafeMutablePointer<Agnode_t> {
        try GraphvizMessages.check("agnode") {
            name.withCString { agnode(root, UnsafeMutablePointer(mutating: $0), 1) }
        }
    }

    /// Adds `node` to `subgraph` and to each graph between it and the root.
    /// The corresponding C function is `agsubnode`.
    func add(_ node: UnsafeMutablePointer<Agnode_t>, to subgraph: UnsafeMutablePointer<Agraph_t>) throws {
        _ = try GraphvizMessages.check("agsubnode") { agsubnode(subgraph, node, 1) }
    }

    /// A new anonymous edge of the root graph (parallel edges stay separate).
    /// The corresponding C function is `agedge`.
    func edge(from tail: UnsafeMutablePointer<Agnode_t>, to head: UnsafeMutablePointer<Agnode_t>) throws -> UnsafeMutablePointer<Agedge_t> {
        try GraphvizMessages.check("agedge") { agedge(root, tail, head, nil, 1) }
    }
}
