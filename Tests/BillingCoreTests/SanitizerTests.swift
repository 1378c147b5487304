import Testing

@testable import BillingCore

@Suite("Hostile text is made inert")
struct SanitizerTests {
    static let hostile = [
        "\u{1B}[2J\u{1B}[H", "\u{1B}]0;pwned\u{07}", "\u{1B}]52;c;ZXZpbA==\u{07}", "\u{1B}]8;;http://x\u{1B}\\link",
        "a\u{9B}31mred", "row\rforged", "two\nlines", "back\u{8}\u{8}", "nul\u{0}byte", "\u{202E}gnp.exe",
        "tab\there", "del\u{7F}", "sep\u{2028}line",
    ]

    @Test(arguments: hostile)
    func noControlCharacterSurvives(text: String) {
        let clean = TextSanitizer.clean(text)
        for scalar in clean.unicodeScalars {
            #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value))
            #expect(![0x202E, 0x2028, 0x2029].contains(scalar.value))
        }
        #expect(TextSanitizer.needsCleaning(text))
    }

    @Test func escapeBecomesAVisiblePicture() {
        #expect(TextSanitizer.clean("\u{1B}[31m") == "␛[31m")
        #expect(TextSanitizer.clean("a\nb") == "a␊b")
    }

    @Test func honestTextIsUntouched() {
        for text in ["José Müller", "山田 太郎", "محمد", "👩‍💻 Dev", "O'Brien & Co.", "Zoë"] {
            #expect(TextSanitizer.clean(text) == text)
            #expect(!TextSanitizer.needsCleaning(text))
        }
    }
}
