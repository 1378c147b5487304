import Testing

@testable import TUIKit

@Suite struct TextInputTests {
    func typed(_ text: String) -> TextInput {
        var input = TextInput()
        for c in text { input.handle(.char(c)) }
        return input
    }

    @Test func insertAndMoveByGraphemes() {
        var input = typed("acme")
        #expect(input.text == "acme" && input.cursor == 4)
        input.handle(.left)
        input.handle(.left)
        #expect(input.handle(.char("X")) == .edited)
        #expect(input.text == "acXme" && input.cursor == 3)
        input.handle(.home)
        input.handle(.char("株"))
        #expect(input.text == "株acXme" && input.cursor == 1)
        input.handle(.end)
        #expect(input.cursor == 6)
        #expect(input.handle(.right) == .moved)
        #expect(input.cursor == 6)
    }

    @Test func deletionKeys() {
        var input = typed("acme corp")
        input.handle(.backspace)
        #expect(input.text == "acme cor")
        input.handle(.home)
        input.handle(.delete)
        #expect(input.text == "cme cor" && input.cursor == 0)
        input.handle(.backspace)
        #expect(input.text == "cme cor")
        input.handle(.ctrl("e"))
        input.handle(.ctrl("w"))
        #expect(input.text == "cme " && input.cursor == 4)
        input.handle(.ctrl("a"))
        input.handle(.right)
        input.handle(.ctrl("k"))
        #expect(input.text == "c" && input.cursor == 1)
        input.set("hello world")
        input.handle(.left)
        input.handle(.ctrl("u"))
        #expect(input.text == "d" && input.cursor == 0)
    }

    @Test func combiningAndEmojiAreSingleSteps() {
        var input = typed("e\u{301}👍🏽")
        #expect(input.cursor == 2)
        input.handle(.backspace)
        #expect(input.text == "e\u{301}")
        input.handle(.backspace)
        #expect(input.text.isEmpty)
    }

    @Test func controlCharactersNeverEnterTheText() {
        var input = TextInput()
        #expect(input.handle(.char("\u{1B}")) == .ignored)
        #expect(input.handle(.char("\u{9B}")) == .ignored)
        #expect(input.handle(.char("\u{202E}")) == .ignored)
        #expect(input.handle(.enter) == .ignored)
        #expect(input.handle(.escape) == .ignored)
        #expect(input.text.isEmpty)
        input.set("a\u{1B}[2Jb")
        #expect(input.text == "a␛[2Jb")
    }

    @Test func maxLengthIsEnforced() {
        var input = TextInput(maxLength: 3)
        for c in "abcdef" { input.handle(.char(c)) }
        #expect(input.text == "abc")
    }

    @Test func renderScrollsToTheCursorAndReportsItsColumn() throws {
        var grid = CellGrid(width: 12, height: 1)
        let input = typed("customer@example.com")
        let column = input.render(into: &grid, in: grid.bounds, prompt: "/ ")
        #expect(grid.rowText(0) == "/ ample.com ", "the tail before the cursor, one cell left for it")
        #expect(column == 11)
        var empty = CellGrid(width: 20, height: 1)
        let at = TextInput().render(into: &empty, in: empty.bounds, prompt: "/ ", placeholder: "search customers")
        #expect(at == 2)
        #expect(empty.rowText(0).hasPrefix("/ search customers"))
        #expect(empty[3, 0].style.role == .placeholder)
        var unfocused = CellGrid(width: 12, height: 1)
        input.render(into: &unfocused, in: unfocused.bounds, prompt: "/ ", focused: false)
        #expect(unfocused[4, 0].style.role == .muted)
        #expect(grid[4, 0].style.role == .input)
    }
}
