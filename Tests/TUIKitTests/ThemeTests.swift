import Testing

@testable import TUIKit

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ThemeTests {
    static var repoRoot: String {
        String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    }

    @Test(arguments: BuiltinThemes.names)
    func builtinThemesDefineEveryRoleAndMatchTheirFiles(name: String) throws {
        let source = try #require(BuiltinThemes.source(named: name))
        let theme = try ThemeParser.parse(source, file: name)
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
        let file = try #require(ThemeLoader.readFile(Self.repoRoot + "/themes/\(name).toml"), "themes/\(name).toml")
        #expect(
            file.trimmingCharactersInWhitespace() == source.trimmingCharactersInWhitespace(),
            "BuiltinThemes.swift is stale: paste themes/\(name).toml into it")
    }

    @Test func parsesColoursAndAttributes() throws {
        let theme = try ThemeParser.parse(
            """
            name = "mine"
            [roles]
            text = { fg = "bright-white", bg = 236 }
            selection = { fg = "#FF8700", bg = "default", bold = true, reverse = true }
            """, file: "mine.toml")
        #expect(theme.style(for: .text).foreground == .indexed(15))
        #expect(theme.style(for: .text).background == .indexed(236))
        #expect(theme.style(for: .selection) == RoleStyle(foreground: .rgb(255, 135, 0), bold: true, reverse: true))
        #expect(theme.style(for: .money) == theme.style(for: .text), "missing roles fall back to text")
    }

    @Test(arguments: [
        ("name = \"x\"\n[roles]\ntext = { fg = \"purpleish\" }\n", 3, "roles.text.fg"),
        ("name = \"x\"\n[roles]\ntext = {}\nmoney = { fg = \"red\", blink = true }\n", 4, "roles.money.blink"),
        ("name = \"x\"\n[roles]\n\nsparkles = { fg = \"red\" }\n", 4, "roles.sparkles"),
        ("name = \"x\"\n[roles.warn]\nfg = \"yellow\"\nbold = \"yes\"\n", 4, "roles.warn.bold"),
        ("name = \"x\"\ncolour = 3\n[roles]\n", 2, "colour"),
        ("name = \"x\"\n[roles]\ntext = { fg = 300 }\n", 3, "roles.text.fg"),
    ])
    func badThemesNameFileLineAndKey(text: String, line: Int, key: String) {
        do {
            _ = try ThemeParser.parse(text, file: "bad.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == line)
            #expect(error.key == key)
            #expect(error.description.hasPrefix("theme bad.toml:\(line) (\(key)): "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func invalidTomlReportsItsLine() {
        do {
            _ = try ThemeParser.parse("name = \"x\"\n[roles]\ntext = { fg = \n", file: "broken.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("theme broken.toml:3: not valid TOML"))
        }
    }

    @Test func degradationPerLevel() {
        let orange = ThemeColor.rgb(255, 135, 0)
        #expect(ColorDegrader.degrade(orange, to: .truecolor) == orange)
        #expect(ColorDegrader.degrade(orange, to: .ansi256) == .indexed(208))
        #expect(ColorDegrader.degrade(orange, to: .ansi16) == .indexed(3), "nearest of the 16 by weighted distance")
        #expect(ColorDegrader.degrade(.rgb(128, 128, 128), to: .ansi256) == .indexed(244))
        #expect(ColorDegrader.degrade(.indexed(196), to: .ansi16) == .indexed(9))
        #expect(ColorDegrader.degrade(.indexed(4), to: .ansi16) == .indexed(4))
        #expect(ColorDegrader.degrade(.indexed(196), to: .monochrome) == .terminalDefault)
        #expect(ColorDegrader.degrade(.terminalDefault, to: .ansi16) == .terminalDefault)
        let dark = Theme.dark
        let mono = dark.degraded(to: .monochrome)
        for role in StyleRole.allCases {
            #expect(mono.style(for: role).foreground == .terminalDefault)
            #expect(mono.style(for: role).background == .terminalDefault)
        }
        #expect(mono.style(for: .selection).reverse)
        #expect(mono.style(for: .danger).bold && mono.style(for: .danger).underline)
        #expect(mono.style(for: .muted).dim)
        // Roles that differ by colour must still differ without it, where it matters.
        #expect(mono.style(for: .selection) != mono.style(for: .text))
        #expect(mono.style(for: .selection) != mono.style(for: .selectionUnfocused))
        let sixteen = dark.degraded(to: .ansi16)
        for role in StyleRole.allCases {
            if case .rgb = sixteen.style(for: role).foreground { Issue.record("\(role) kept RGB at 16 colours") }
            if case .indexed(let i) = sixteen.style(for: role).foreground { #expect(i < 16) }
        }
    }

    @Test func colorLevelDetection() {
        let xterm = ["TERM": "xterm-256color"]
        #expect(ColorLevel.detect(environment: xterm, hasColors: true, colors: 256, canChangeColor: false) == .ansi256)
        #expect(
            ColorLevel.detect(
                environment: xterm.merging(["COLORTERM": "truecolor"]) { $1 }, hasColors: true, colors: 256,
                canChangeColor: true) == .truecolor)
        #expect(
            ColorLevel.detect(
                environment: xterm.merging(["NO_COLOR": "1"]) { $1 }, hasColors: true, colors: 256, canChangeColor: true
            ) == .monochrome)
        #expect(
            ColorLevel.detect(
                environment: xterm.merging(["NO_COLOR": ""]) { $1 }, hasColors: true, colors: 256, canChangeColor: false
            ) == .ansi256)
        #expect(
            ColorLevel.detect(environment: ["TERM": "linux"], hasColors: true, colors: 8, canChangeColor: false)
                == .ansi16)
        #expect(
            ColorLevel.detect(environment: ["TERM": "vt100"], hasColors: false, colors: 0, canChangeColor: false)
                == .monochrome)
        #expect(
            ColorLevel.detect(
                environment: ["TERM": "xterm-direct"], hasColors: true, colors: 0x100_0000, canChangeColor: false)
                == .truecolor)
    }

    @Test func loaderPrefersUserThemesAndRejectsBadNames() throws {
        var template = Array("/tmp/billtop-theme-XXXXXX".utf8CString)
        let dir = try #require(
            template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        mkdir(dir + "/billtop", 0o755)
        mkdir(dir + "/billtop/themes", 0o755)
        let path = dir + "/billtop/themes/ocean.toml"
        let file = fopen(path, "w")
        fputs("name = \"ocean\"\n[roles]\nselection = { bg = \"#005f5f\" }\n", file)
        fclose(file)
        defer {
            unlink(path)
            rmdir(dir + "/billtop/themes")
            rmdir(dir + "/billtop")
            rmdir(dir)
        }
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": dir])
        let ocean = try loader.load("ocean")
        #expect(ocean.style(for: .selection).background == .rgb(0, 95, 95))
        #expect(ocean.style(for: .money) == Theme.dark.style(for: .money), "user themes inherit from dark")
        #expect(loader.availableNames() == ["dark", "light", "high-contrast", "monochrome", "ocean"])
        #expect(try loader.load("light").name == "light")
        #expect(throws: ThemeError.self) { try loader.load("../../etc/passwd") }
        #expect(throws: ThemeError.self) { try loader.load("nope") }
        do {
            _ = try loader.load("nope")
        } catch {
            #expect(error.description.contains("available: dark, light, high-contrast, monochrome, ocean"))
        }
    }
}
