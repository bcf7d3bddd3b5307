/// Built-in copies of `templates/themes/*.yaml` (tested byte-identical to the files).
public enum BuiltinThemes {
    public static let all: [String: String] = [
        "light": #"""
# Light theme: for screens and documentation.
name: light
background: "#ffffff"
text: "#1f2328"
mutedText: "#57606a"
nodeFill: "#ffffff"
nodeBorder: "#8c959f"
edge: "#6e7781"
stageBandAlpha: 0.9
columnAlpha: 0.07
decrease: "#2166ac"
increase: "#b35806"
neutral: "#afb8c1"
fontSize: 11

"""#,
        "dark": #"""
# Dark theme: for dark-mode pages and slides.
name: dark
background: "#0d1117"
text: "#e6edf3"
mutedText: "#9da7b3"
nodeFill: "#161b22"
nodeBorder: "#6e7681"
edge: "#8b949e"
stageBandAlpha: 0.75
columnAlpha: 0.12
decrease: "#6cb4ee"
increase: "#f0a35e"
neutral: "#484f58"
fontSize: 11

"""#,
        "print": #"""
# Print theme: black on white, larger type, stronger lines; for A3/A1 workshop posters
# read from a metre away.
name: print
background: "#ffffff"
text: "#000000"
mutedText: "#3b3b3b"
nodeFill: "#ffffff"
nodeBorder: "#000000"
edge: "#4d4d4d"
stageBandAlpha: 1.0
columnAlpha: 0.06
decrease: "#2166ac"
increase: "#b2182b"
neutral: "#bdbdbd"
fontSize: 14

"""#,
        "colorblind": #"""
# Colour-blind-safe theme: stage colours from the Okabe–Ito palette, blue/orange diverging.
name: colorblind
background: "#ffffff"
text: "#1a1a1a"
mutedText: "#4d4d4d"
nodeFill: "#ffffff"
nodeBorder: "#7f7f7f"
edge: "#666666"
stageBandAlpha: 0.9
columnAlpha: 0.08
stagePalette: ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999999"]
decrease: "#0072b2"
increase: "#d55e00"
neutral: "#bbbbbb"
fontSize: 11

"""#,
    ]
}
