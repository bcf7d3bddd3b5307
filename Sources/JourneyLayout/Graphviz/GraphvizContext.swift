import CGraphviz

/// Scoped Graphviz contexts (`GVC_t`) and layouts.
///
/// Decision: one context per layout, created and freed inside the process-wide lock, not one
/// context kept for the process. A context is cheap to make from built-in plugins (see
/// `GraphvizLayout` for the measured cost), a fresh one carries no state from an earlier layout,
/// and it makes ownership plain: each scope below frees exactly what it made, on return and on
/// throw, in reverse order of creation.
enum GraphvizContext {
    /// Runs `body` with a new context; frees it afterwards. Requires `GraphvizLock`.
    /// The corresponding C functions are `gvContextPlugins` (or `gvContext`) and `gvFreeContext`.
    static func with<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard let plugins = GraphvizPlugins.loaded else {
            let context = try GraphvizMessages.check("gvContext") { gvContext() }
            defer { gvFreeContext(context) }
            return try body(context)
        }
        // gvContextPlugins keeps a pointer to this table, so it must outlive the context:
        // deferred first, it is freed last.
        let table = UnsafeMutablePointer<lt_symlist_t>.allocate(capacity: 3)
        defer { table.deallocate() }
        table[0] = lt_symlist_t(name: GraphvizPlugins.cString(GraphvizPlugins.dotLayoutSymbol),
                                address: plugins.dotLayout)
        table[1] = lt_symlist_t(name: GraphvizPlugins.cString(GraphvizPlugins.coreSymbol),
                                address: plugins.core)
        table[2] = lt_symlist_t(name: nil, address: nil)
        // demand_loading = 0: use only the table, never read config6a.
        let context = try GraphvizMessages.check("gvContextPlugins") { gvContextPlugins(table, 0) }
        defer { gvFreeContext(context) }
        return try body(context)
    }

    /// Lays out `graph` with `engine` (dot) and runs `body` to read the result; then frees the layout
    /// records, also when gvLayout or `body` failed (gvFreeLayout skips a graph without them).
    /// The corresponding C functions are `gvLayout` and `gvFreeLayout`.
    static func withLayout<T>(_ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>,
                              engine: String, _ body: () throws -> T) throws -> T {
        defer { gvFreeLayout(context, graph) }
        try GraphvizMessages.check("gvLayout") { gvLayout(context, graph, engine) }
        return try body()
    }

    /// Where layouts get their plugins from in this process.
    static var pluginSource: GraphvizPluginSource {
        GraphvizPlugins.loaded.map { .builtins(directory: $0.directory) } ?? .configFile
    }
}
