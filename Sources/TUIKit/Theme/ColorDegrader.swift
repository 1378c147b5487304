/// Pure colour degradation: truecolor -> 256 -> 16 -> monochrome attributes.
public enum ColorDegrader {
    /// The xterm 256-colour cube steps.
    static let cubeSteps: [Int] = [0, 95, 135, 175, 215, 255]

    /// The usual xterm values of the 16 ANSI colours, used to pick the nearest one.
    static let ansi16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Attributes that keep roles apart when there is no colour (htop's monochrome scheme idea).
    public static func monochromeAttributes(for role: StyleRole) -> RoleStyle {
        switch role {
        case .selection: return RoleStyle(bold: true, reverse: true)
        case .selectionUnfocused: return RoleStyle(reverse: true)
        case .header, .title, .borderFocused, .footerKey: return RoleStyle(bold: true)
        case .danger: return RoleStyle(bold: true, underline: true)
        case .warn, .accent: return RoleStyle(underline: true)
        case .muted, .border, .placeholder: return RoleStyle(dim: true)
        case .input: return RoleStyle(underline: true)
        case .status: return RoleStyle(reverse: true)
        case .text, .ok, .money, .footer: return RoleStyle()
        }
    }

    /// `style` as a terminal at `level` can show it.
    public static func degrade(_ style: RoleStyle, role: StyleRole, to level: ColorLevel) -> RoleStyle {
        var out = style
        if level == .monochrome {
            let mono = monochromeAttributes(for: role)
            out.foreground = .terminalDefault
            out.background = .terminalDefault
            out.bold = style.bold || mono.bold
            out.underline = style.underline || mono.underline
            out.reverse = style.reverse || mono.reverse
            out.dim = style.dim || mono.dim
            return out
        }
        out.foreground = degrade(style.foreground, to: level)
        out.background = degrade(style.background, to: level)
        return out
    }

    /// One colour at `level`; monochrome maps every colour to the terminal default.
    public static func degrade(_ color: ThemeColor, to level: ColorLevel) -> ThemeColor {
        switch (color, level) {
        case (.terminalDefault, _), (_, .truecolor): return color
        case (_, .monochrome): return .terminalDefault
        case (.indexed(let i), .ansi256): return .indexed(i)
        case (.rgb(let r, let g, let b), .ansi256): return .indexed(nearest256(Int(r), Int(g), Int(b)))
        case (.indexed(let i), .ansi16):
            if i < 16 { return .indexed(i) }
            let (r, g, b) = rgb(ofIndex: i)
            return .indexed(nearest16(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16): return .indexed(nearest16(Int(r), Int(g), Int(b)))
        }
    }

    /// The RGB value xterm uses for a palette index.
    public static func rgb(ofIndex index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i < 16 { return ansi16[i] }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let c = i - 16
        return (cubeSteps[c / 36], cubeSteps[(c / 6) % 6], cubeSteps[c % 6])
    }

    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
        func step(_ v: Int) -> Int {
            var best = 0
            for (i, s) in cubeSteps.enumerated() where abs(s - v) < abs(cubeSteps[best] - v) { best = i }
            return best
        }
        let cube = 16 + 36 * step(r) + 6 * step(g) + step(b)
        let gray = 232 + min(23, max(0, ((r + g + b) / 3 - 3) / 10))
        let (cr, cg, cb) = rgb(ofIndex: UInt8(cube))
        let (gr, gg, gb) = rgb(ofIndex: UInt8(gray))
        return distance(r, g, b, gr, gg, gb) < distance(r, g, b, cr, cg, cb) ? UInt8(gray) : UInt8(cube)
    }

    static func nearest16(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in ansi16.enumerated() {
            let d = distance(r, g, b, c.0, c.1, c.2)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }

    static func distance(_ r1: Int, _ g1: Int, _ b1: Int, _ r2: Int, _ g2: Int, _ b2: Int) -> Int {
        // Weighted like the eye: green counts most, blue least.
        let dr = r1 - r2, dg = g1 - g2, db = b1 - b2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
