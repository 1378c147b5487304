/// The themes in themes/*.toml compiled in, so the binary works from any directory.
/// A test (ThemeTests) fails when these texts and the files differ: edit the file, then paste it here.
public enum BuiltinThemes {
    /// Built-in theme names, default first.
    public static let names = ["dark", "light", "high-contrast", "monochrome"]

    /// The TOML text of a built-in theme.
    public static func source(named name: String) -> String? {
        switch name {
        case "dark": return dark
        case "light": return light
        case "high-contrast": return highContrast
        case "monochrome": return monochrome
        default: return nil
        }
    }

    /// A parsed built-in theme; the built-ins are checked by tests, so parsing cannot fail here.
    public static func theme(named name: String) -> Theme? {
        guard let text = source(named: name) else { return nil }
        return try? ThemeParser.parse(text, file: "built-in \(name)")
    }

    static let dark = #"""
        # billtop theme "dark" (the default). Roles -> colours: a name, 0-255, "#rrggbb" or "default".
        # Attributes: bold, underline, reverse, dim, italic. Copy this file to
        # $XDG_CONFIG_HOME/billtop/themes/NAME.toml and run `billtop --theme NAME` to make your own.
        name = "dark"

        [roles]
        text = { fg = "default", bg = "default" }
        muted = { fg = "#8a8a8a" }
        header = { fg = "#d0d0d0", bold = true }
        title = { fg = "#87afff", bold = true }
        border = { fg = "#585858" }
        borderFocused = { fg = "#5fafff", bold = true }
        selection = { fg = "#ffffff", bg = "#005f87", bold = true }
        selectionUnfocused = { fg = "default", bg = "#3a3a3a" }
        ok = { fg = "#5faf5f" }
        warn = { fg = "#d7af00" }
        danger = { fg = "#ff5f5f", bold = true }
        money = { fg = "#87d7af" }
        accent = { fg = "#af87ff" }
        input = { fg = "#ffffff", underline = true }
        footerKey = { fg = "#000000", bg = "#87afd7", bold = true }
        footer = { fg = "#bcbcbc" }
        status = { fg = "#d7af00" }
        placeholder = { fg = "#767676", italic = true }
        """#

    static let light = #"""
        # billtop theme "light", for light terminal backgrounds. Same roles as dark.toml.
        name = "light"

        [roles]
        text = { fg = "default", bg = "default" }
        muted = { fg = "#6c6c6c" }
        header = { fg = "#000000", bold = true }
        title = { fg = "#005faf", bold = true }
        border = { fg = "#a8a8a8" }
        borderFocused = { fg = "#005faf", bold = true }
        selection = { fg = "#ffffff", bg = "#005faf", bold = true }
        selectionUnfocused = { fg = "default", bg = "#d0d0d0" }
        ok = { fg = "#008700" }
        warn = { fg = "#af5f00" }
        danger = { fg = "#d70000", bold = true }
        money = { fg = "#005f00" }
        accent = { fg = "#8700af" }
        input = { fg = "#000000", underline = true }
        footerKey = { fg = "#ffffff", bg = "#005faf", bold = true }
        footer = { fg = "#4e4e4e" }
        status = { fg = "#af5f00" }
        placeholder = { fg = "#8a8a8a", italic = true }
        """#

    static let highContrast = #"""
        # billtop theme "high-contrast": only the 16 ANSI colours, strong attributes, for low vision and projectors.
        name = "high-contrast"

        [roles]
        text = { fg = "bright-white", bg = "black" }
        muted = { fg = "white", bg = "black" }
        header = { fg = "bright-white", bg = "black", bold = true, underline = true }
        title = { fg = "bright-yellow", bg = "black", bold = true }
        border = { fg = "white", bg = "black" }
        borderFocused = { fg = "bright-yellow", bg = "black", bold = true }
        selection = { fg = "black", bg = "bright-yellow", bold = true }
        selectionUnfocused = { fg = "black", bg = "white" }
        ok = { fg = "bright-green", bg = "black", bold = true }
        warn = { fg = "bright-yellow", bg = "black", bold = true }
        danger = { fg = "bright-red", bg = "black", bold = true, underline = true }
        money = { fg = "bright-cyan", bg = "black" }
        accent = { fg = "bright-magenta", bg = "black" }
        input = { fg = "bright-white", bg = "black", underline = true }
        footerKey = { fg = "black", bg = "bright-white", bold = true }
        footer = { fg = "bright-white", bg = "black" }
        status = { fg = "black", bg = "bright-yellow" }
        placeholder = { fg = "bright-magenta", bg = "black" }
        """#

    static let monochrome = #"""
        # billtop theme "monochrome": no colours, roles told apart by attributes (what NO_COLOR also gives).
        name = "monochrome"

        [roles]
        text = {}
        muted = { dim = true }
        header = { bold = true }
        title = { bold = true }
        border = { dim = true }
        borderFocused = { bold = true }
        selection = { bold = true, reverse = true }
        selectionUnfocused = { reverse = true }
        ok = {}
        warn = { underline = true }
        danger = { bold = true, underline = true }
        money = {}
        accent = { underline = true }
        input = { underline = true }
        footerKey = { bold = true, reverse = true }
        footer = {}
        status = { reverse = true }
        placeholder = { dim = true }
        """#

}
