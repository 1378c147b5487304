import BillingCore

/// Fitting text into columns: sanitising, truncating with an ellipsis on grapheme boundaries (never
/// half a wide character) and padding to an alignment.
public enum TextLayout {
    /// The ellipsis used when text is cut.
    public static let ellipsis: Character = "…"

    /// `text` sanitised and cut to at most `width` columns; a cut ends in "…" and never splits a grapheme
    /// or a wide character (a wide character that does not fit leaves a space-sized gap, filled by padding).
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let clean = TextSanitizer.clean(text)
        if DisplayWidth.of(clean) <= width { return clean }
        var out = ""
        var used = 0
        let budget = width - 1  // room for the ellipsis
        for character in clean {
            let w = DisplayWidth.of(character)
            if used + w > budget { break }
            out.append(character)
            used += w
        }
        out.append(ellipsis)
        return out
    }

    /// `text` sanitised, truncated and padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width)
        let gap = max(0, width - DisplayWidth.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// `text` broken at spaces into lines of at most `width` columns (a longer word is cut with "…").
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = truncate(word, to: width)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
