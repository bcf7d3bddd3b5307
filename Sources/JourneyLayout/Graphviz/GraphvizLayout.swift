import CGraphviz

/// Lays out a `LayoutGraph` with Graphviz's dot, in process (libcgraph + libgvc, never the `dot`
/// program), and returns plain values.
///
/// Each call, under one process-wide lock (`GraphvizLock`; Graphviz is not thread-safe): checks
/// the graph (`LayoutPlan`), makes a Graphviz context from built-in plugins
/// (`GraphvizContext`), opens a graph numbered in creation order (`GraphvizIDDiscipline`),
/// builds it, runs dot, reads positions through the `CGraphvizShim` accessors, then frees the
/// layout, the graph and the context — each exactly once, also when something throws. Calls
/// from several threads are safe; they run one at a time.
///
/// Results are deterministic: the same `LayoutGraph` gives an equal `LayoutResult` every time
/// (see `LayoutGraph` for the order callers must keep).
///
/// Memory, measured with valgrind (see the project report for the command): the wrapper frees
/// every handle it creates. Graphviz 2.42's dot leaks in its own rank code when the graph has
/// clusters — about 0.5 MB per layout that survives gvFreeLayout, agclose and gvFreeContext
/// (a known upstream bug). Harmless in a command-line run; a long-running process should do its
/// layouts in a worker process it restarts now and then.
public enum GraphvizLayout {
    /// Lays out `graph`.
    /// - Throws: `LayoutError` for a graph that breaks a rule (unknown node, ortho splines, too
    ///   many nodes, …) or when Graphviz fails, with Graphviz's own message.
    /// - Complexity: dot's: roughly quadratic in the worst case; measured 20–30 ms for
    ///   100 nodes and 500 edges in 8 clusters, 0.4–0.7 s for 1000 nodes.
    public static func layout(_ graph: LayoutGraph, options: LayoutOptions = LayoutOptions()) throws -> LayoutResult {
        try layout(graph, options: options, engine: "dot")
    }

    /// `layout` with another Graphviz layout engine name; for tests of Graphviz failures only
    /// (the reading code assumes dot).
    static func layout(_ graph: LayoutGraph, options: LayoutOptions, engine: String) throws -> LayoutResult {
        let plan = try LayoutPlan(graph, options: options)
        return try GraphvizLock.withLock {
            try GraphvizMessages.capturing {
                var result = try GraphvizContext.with { context in
                    try GraphvizGraph.with { builder in
                        let handles = try builder.build(graph, plan)
                        return try GraphvizContext.withLayout(context, builder.root, engine: engine) {
                            try builder.readResult(graph, handles)
                        }
                    }
                }
                result.warnings = plan.warnings + GraphvizMessages.messages
                return result
            }
        }
    }

    /// Where this process gets dot from: built-in plugin tables (the normal case, independent of
    /// `config6a`) or, when the plugin libraries cannot be opened, `config6a` via `gvContext()`.
    public static var pluginSource: GraphvizPluginSource {
        GraphvizContext.pluginSource
    }
}
