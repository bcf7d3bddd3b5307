extension String {
    /// Without leading and trailing spaces and tabs (column names, time zones, milestone specs).
    package func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
