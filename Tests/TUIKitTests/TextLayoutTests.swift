import Testing

@testable import TUIKit

@Suite struct TextLayoutTests {
    @Test(arguments: [
        ("Acme Corporation", 8, "Acme Co…"),
        ("Acme", 8, "Acme"),
        ("株式会社テスト", 8, "株式会…"),  // 3 wide chars (6) + ellipsis; a 4th would need 9
        ("株式会社テスト", 7, "株式会…"),
        ("e\u{301}e\u{301}e\u{301}e\u{301}", 3, "e\u{301}e\u{301}…"),  // combining marks stay on their letter
        ("👍🏽👍🏽👍🏽", 4, "👍🏽…"),
        ("👨‍👩‍👧 family", 5, "👨‍👩‍👧 f…"),
        ("🇯🇵🇯🇵", 3, "🇯🇵…"),
        ("abc", 1, "…"),
        ("abc", 0, ""),
    ])
    func truncationNeverSplitsAGrapheme(input: String, width: Int, expected: String) {
        let cut = TextLayout.truncate(input, to: width)
        #expect(cut == expected)
        #expect(DisplayWidth.of(cut) <= width)
    }

    @Test func fitPadsToExactWidth() {
        #expect(TextLayout.fit("株式会社", width: 7) == "株式会…")
        #expect(TextLayout.fit("株式会社", width: 6) == "株式… ", "a wide char that does not fit leaves a pad")
        #expect(TextLayout.fit("42", width: 5, alignment: .right) == "   42")
        #expect(TextLayout.fit("ab", width: 6, alignment: .center) == "  ab  ")
        for width in 1...12 {
            #expect(DisplayWidth.of(TextLayout.fit("日本語のテキスト😀", width: width)) == width)
        }
    }

    @Test(arguments: [
        "\u{1B}[31mred", "\u{1B}]0;title\u{07}", "a\u{9B}2Jb", "line1\nline2", "cr\rhere", "bs\u{08}x", "nul\u{0}x",
        "abc\u{202E}cba", "\u{1B}P+q\u{1B}\\",
    ])
    func hostileStringsBecomeInertPlaceholders(input: String) {
        let shown = TextLayout.fit(input, width: 30)
        #expect(
            !shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        #expect(DisplayWidth.of(shown) == 30)
        var grid = CellGrid(width: 30, height: 2)
        grid.put(input, x: 0, y: 0)
        #expect(grid.rowText(1).allSatisfy { $0 == " " }, "nothing may spill onto the next row")
        #expect(grid.rowText(0) != String(repeating: " ", count: 30))
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("株式") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("─│┌") == 3)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
        #expect(DisplayWidth.of("Ａ") == 2)  // fullwidth Latin
    }

    @Test func asciiFallbackKeepsColumns() {
        #expect(AsciiFallback.replacement(for: "─", width: 1) == "-")
        #expect(AsciiFallback.replacement(for: "┌", width: 1) == "+")
        #expect(AsciiFallback.replacement(for: "│", width: 1) == "|")
        #expect(AsciiFallback.replacement(for: "株", width: 2) == "??")
        #expect(AsciiFallback.replacement(for: "…", width: 1) == "~")
        #expect(AsciiFallback.replacement(for: "█", width: 1) == "#")
        #expect(AsciiFallback.replacement(for: "a", width: 1) == "a")
    }
}
