import CGraphviz
import CGraphvizShim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `GraphvizLayout` got its layout engine from.
public enum GraphvizPluginSource: Sendable, Equatable, CustomStringConvertible {
    /// The dot layout (and core) plugin libraries were opened directly from `directory` and handed
    /// to `gvContextPlugins` as built-ins: no `config6a` needed.
    case builtins(directory: String)
    /// The plugin libraries were not found; `gvContext()` reads the plugin list `config6a`
    /// written by libgvc's install step (missing → "Layout type: "dot" not recognized").
    case configFile

    public var description: String {
        switch self {
        case .builtins(let directory): return "built-in plugins from \(directory)"
        case .configFile: return "plugins listed in Graphviz's config6a"
        }
    }
}

/// The dot layout and core plugin libraries, opened once per process.
///
/// Each Graphviz plugin library exports one `gvplugin_<name>_LTX_library` table. Passing those
/// tables to `gvContextPlugins(builtins, 0)` registers the plugins without reading `config6a`
/// (which only exists when libgvc's install step ran) and without loading any other plugin.
///
/// The libraries are looked up in `$GVBINDIR` (Graphviz's own override) and then in the
/// `graphviz` folder next to the loaded libgvc (found with `dladdr`), e.g.
/// `/usr/lib/x86_64-linux-gnu/graphviz`. The `dlopen` handles are kept for the life of the
/// process on purpose: the tables and the code they point to must stay mapped while any
/// context may use them, and re-opening per layout would only cost time.
struct GraphvizPlugins: @unchecked Sendable {
    // @unchecked: the pointers address read-only tables in libraries that are never closed.
    let directory: String
    let dotLayout: UnsafeMutableRawPointer
    let core: UnsafeMutableRawPointer

    static let dotLayoutSymbol: StaticString = "gvplugin_dot_layout_LTX_library"
    static let coreSymbol: StaticString = "gvplugin_core_LTX_library"

    /// The plugins found on first use, or nil (then layouts fall back to `gvContext()`).
    static let loaded: GraphvizPlugins? = load()

    private static func load() -> GraphvizPlugins? {
        for directory in candidateDirectories() {
            guard let dot = symbol(dotLayoutSymbol, in: directory + "/libgvplugin_dot_layout.so.6"),
                  let core = symbol(coreSymbol, in: directory + "/libgvplugin_core.so.6")
            else { continue }
            return GraphvizPlugins(directory: directory, dotLayout: dot, core: core)
        }
        return nil
    }

    private static func candidateDirectories() -> [String] {
        var directories: [String] = []
        if let override = getenv("GVBINDIR") {
            directories.append(String(cString: override))
        }
        if let library = libgvcPath(), let slash = library.lastIndex(of: "/") {
            directories.append(String(library[..<slash]) + "/graphviz")
        }
        return directories
    }

    /// Path of the libgvc this process loaded (via `dladdr`, in CGraphvizShim).
    private static func libgvcPath() -> String? {
        jm_gvc_library_path().map { String(cString: $0) }
    }

    /// Opens `path` (kept open for the process) and looks up `name` in it.
    private static func symbol(_ name: StaticString, in path: String) -> UnsafeMutableRawPointer? {
        guard let library = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { return nil }
        guard let address = dlsym(library, cString(name)) else {
            dlclose(library)
            return nil
        }
        return address
    }

    /// A static string's bytes as a C string; valid for the life of the program.
    static func cString(_ string: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(string.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
