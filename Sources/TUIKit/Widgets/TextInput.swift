import BillingCore

/// A one-line editable text with a cursor, driven by `KeyEvent`s (readline-like keys).
///
/// The cursor is a grapheme index, so editing never splits a character; `render` returns the screen column
/// of the cursor so the terminal can place it.
public struct TextInput: Hashable, Sendable {
    public private(set) var text: String
    /// Cursor position in graphemes, 0...text.count.
    public private(set) var cursor: Int
    /// Longest accepted text in graphemes (a search box does not need a novel).
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 256) {
        let clean = String(TextSanitizer.clean(text).prefix(maxLength))
        self.text = clean
        self.cursor = clean.count
        self.maxLength = maxLength
    }

    /// What a key did to the input.
    public enum Outcome: Hashable, Sendable {
        /// The text changed (re-run the search).
        case edited
        /// Only the cursor moved.
        case moved
        /// Not an editing key: the caller handles it (Enter, Esc, Tab...).
        case ignored
    }

    /// Applies an editing key. Printable characters insert; control characters never enter the text.
    @discardableResult
    public mutating func handle(_ key: KeyEvent) -> Outcome {
        var chars = Array(text)
        switch key {
        case .char(let c):
            guard !c.isControlLike, TextSanitizer.clean(String(c)) == String(c), chars.count < maxLength else {
                return .ignored
            }
            chars.insert(c, at: cursor)
            cursor += 1
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return .moved }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return .moved }
            chars.remove(at: cursor)
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
            return .moved
        case .right, .ctrl("f"):
            cursor = min(chars.count, cursor + 1)
            return .moved
        case .home, .ctrl("a"):
            cursor = 0
            return .moved
        case .end, .ctrl("e"):
            cursor = chars.count
            return .moved
        case .ctrl("u"):
            guard cursor > 0 else { return .moved }
            chars.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            guard cursor < chars.count else { return .moved }
            chars.removeSubrange(cursor..<chars.count)
        case .ctrl("w"):
            // Delete the word before the cursor and the spaces after it, like a shell.
            var start = cursor
            while start > 0, chars[start - 1].isWhitespace { start -= 1 }
            while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
            guard start < cursor else { return .moved }
            chars.removeSubrange(start..<cursor)
            cursor = start
        default:
            return .ignored
        }
        text = String(chars)
        return .edited
    }

    /// Replaces the whole text and puts the cursor at the end.
    public mutating func set(_ newText: String) {
        text = String(TextSanitizer.clean(newText).prefix(maxLength))
        cursor = text.count
    }

    /// Draws `prompt` then the text, scrolled so the cursor is visible; returns the cursor's screen column.
    /// An unfocused input (a search left open while browsing) is drawn muted.
    @discardableResult
    public func render(
        into grid: inout CellGrid, in rect: Rect, prompt: String = "", placeholder: String = "", focused: Bool = true
    ) -> Int {
        let textStyle = CellStyle(focused ? .input : .muted)
        grid.fill(
            Rect(x: rect.x, y: rect.y, width: rect.width, height: min(1, rect.height)),
            with: Cell(" ", style: textStyle))
        guard !rect.isEmpty else { return rect.x }
        let promptEnd = grid.put(prompt, x: rect.x, y: rect.y, style: CellStyle(.accent, bold: true), maxX: rect.maxX)
        let room = max(0, rect.maxX - promptEnd - 1)  // one cell for the cursor at the end
        if text.isEmpty {
            if !placeholder.isEmpty {
                grid.put(
                    TextLayout.truncate(placeholder, to: room), x: promptEnd, y: rect.y, style: CellStyle(.placeholder),
                    maxX: rect.maxX)
            }
            return promptEnd
        }
        let before = String(text.prefix(cursor))
        let after = String(text.dropFirst(cursor))
        let shownBefore = TextLayout.tail(before, width: room)
        let cursorX = grid.put(shownBefore, x: promptEnd, y: rect.y, style: textStyle, maxX: rect.maxX)
        grid.put(after, x: cursorX, y: rect.y, style: textStyle, maxX: rect.maxX)
        return min(cursorX, rect.maxX - 1)
    }
}
