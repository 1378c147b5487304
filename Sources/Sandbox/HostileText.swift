/// Hostile fragments mixed into names, organisations and memos when `hostileStrings` is on: escape
/// sequences (CSI, OSC), C1 controls, CR/LF, backspaces, NUL and bidi overrides.
enum HostileText {
    static let fragments: [String] = [
        "\u{1B}[2J\u{1B}[H",
        "\u{1B}]0;owned\u{07}",
        "\u{1B}[31m",
        "\u{9B}1;1H",
        "\u{85}",
        "\r\nInjected-Header: x",
        "\u{08}\u{08}\u{08}",
        "\u{00}",
        "\u{202E}gnp.exe",
        "\u{1B}]8;;http://127.0.0.1/\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "\t|,\"=cmd|' /C calc'!A0",
    ]

    /// `text` with a hostile fragment inserted, chosen by `random`.
    static func taint(_ text: String, _ random: inout SandboxRandom) -> String {
        let fragment = random.pick(fragments)
        return random.chance(fraction: 0.5) ? fragment + text : text + fragment
    }
}
