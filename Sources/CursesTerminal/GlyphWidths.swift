import CNCurses
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether curses can draw a grapheme as one cell of the width TUIKit gave it.
///
/// TUIKit measures widths itself; curses (via the C library's wcwidth) may disagree, and a disagreement
/// shifts the rest of the row. Such graphemes, and everything non-ASCII under a non-UTF-8 locale, are
/// drawn with `AsciiFallback` instead, so the screen never shows garbage.
struct GlyphWidths {
    /// The wide characters to pass to setcchar (NUL-terminated), or nil to use the ASCII fallback.
    func drawable(_ grapheme: String, width: Int, unicode: Bool) -> [wchar_t]? {
        let scalars = Array(grapheme.unicodeScalars)
        guard let first = scalars.first else { return [0x20, 0] }
        if scalars.count == 1, first.value >= 0x20, first.value < 0x7F { return [wchar_t(first.value), 0] }
        guard unicode else { return nil }
        guard Int(billtop_wcwidth(first.value)) == width else { return nil }
        // curses takes one spacing character plus combining ones (CCHARW_MAX in all); keep what fits,
        // so a ZWJ family emoji shows as its first person rather than failing.
        var out: [wchar_t] = [wchar_t(first.value)]
        for scalar in scalars.dropFirst() where out.count < Int(billtop_max_cchar()) - 1 {
            if billtop_wcwidth(scalar.value) == 0, scalar.value != 0x200D { out.append(wchar_t(scalar.value)) }
        }
        return out + [0]
    }
}
