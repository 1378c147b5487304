/// Makes text from an API inert before it reaches a terminal, a CSV, a log or an error message.
///
/// Control characters become visible Unicode control pictures (ESC -> "␛", NUL -> "␀", CR -> "␍",
/// LF -> "␊"), C1 controls, bidi overrides and other invisible formatting become "�"; so a customer
/// name can never move the cursor, set the title, reorder a row or forge a new one.
public enum TextSanitizer {
    /// The sanitised single-line form of `text`.
    public static func clean(_ text: String) -> String {
        // Fast path: plain printable ASCII needs no work (most names and emails).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let replacement = replacement(for: scalar) {
                out.append(replacement)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `text` would change when cleaned (it held something hostile or invisible).
    public static func needsCleaning(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return false }
        return text.unicodeScalars.contains { replacement(for: $0) != nil }
    }

    static let placeholder: Unicode.Scalar = "\u{FFFD}"

    static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0x00...0x1F:
            return Unicode.Scalar(0x2400 + v)  // control pictures block mirrors C0
        case 0x7F:
            return "\u{2421}"  // ␡
        case 0x80...0x9F:
            return placeholder  // C1 controls, including the 8-bit CSI (0x9B) and OSC (0x9D)
        case 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
            return placeholder  // zero-width space and bidi controls that reorder what follows
        case 0x2028, 0x2029:
            return "\u{2424}"  // line and paragraph separators would break a row
        case 0xFEFF, 0xFFF9...0xFFFB:
            return placeholder
        case 0xE0000...0xE007F:
            return placeholder  // tag characters: invisible text
        default:
            return nil
        }
    }
}
