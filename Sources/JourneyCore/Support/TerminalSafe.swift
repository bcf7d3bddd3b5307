extension String {
    /// The text made safe to print on a terminal (issue 15): values from logs reach error
    /// messages, warnings and `stats`, and an ESC or BEL in one could retitle, clear or
    /// recolour the terminal. Control characters are shown escaped instead: C0 controls but
    /// line feed and tab, and DEL, as `\x1b`, `\x07`, `\x7f`; C1 controls as `\u{9b}`; the
    /// bidirectional overrides and isolates (U+202A…U+202E, U+2066…U+2069, which can make a
    /// line read backwards) as `\u{202e}`. A backslash stays a backslash. Text without such
    /// characters is returned unchanged.
    public var terminalSafe: String {
        guard unicodeScalars.contains(where: Self.isUnsafeOnTerminal) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            guard Self.isUnsafeOnTerminal(scalar) else { out.unicodeScalars.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            out += scalar.value < 0x80 ? "\\x" + (hex.count == 1 ? "0" + hex : hex) : "\\u{\(hex)}"
        }
        return out
    }

    static func isUnsafeOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
