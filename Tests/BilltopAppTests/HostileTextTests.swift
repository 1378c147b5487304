import BillingCore
import TUIKit
import Testing

@testable import BilltopApp

/// Names from the API with escape sequences, C1 controls, CR/LF and bidi overrides stay inert, one line per row.
struct HostileTextTests {
    static func assertInert(_ grid: CellGrid) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                for scalar in grid[x, y].grapheme.unicodeScalars {
                    let v = scalar.value
                    #expect(
                        !(v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                            || (0x2066...0x2069).contains(v)),
                        "control U+\(String(v, radix: 16)) at \(x),\(y)")
                }
            }
        }
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func everyScreenIsInert(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        Self.assertInert(h.frame)
        try h.press(.char("/"))
        try h.type("evil")
        Self.assertInert(h.frame)
        #expect(h.text.contains("Evil␛[31m Corp␇"))
        try h.press(.enter, .enter)
        Self.assertInert(h.frame)
        #expect(h.text.contains("Evil␛]0;pwned␇Org"))
        try h.press(.escape, .char("L"))
        Self.assertInert(h.frame)
        for pane in ["2", "3", "4"] {
            try h.press(.escape, .char(Character(pane)))
            Self.assertInert(h.frame)
        }
    }

    /// Every wide grapheme has its continuation cell and no continuation cell is orphaned.
    static func assertWideCellsPaired(_ grid: CellGrid) {
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation {
                    #expect(x > 0 && DisplayWidth.of(grid[x - 1, y].grapheme) == 2, "orphan continuation at \(x),\(y)")
                } else if DisplayWidth.of(cell.grapheme) == 2 {
                    #expect(x + 1 < grid.width && grid[x + 1, y].isContinuation, "wide grapheme cut at \(x),\(y)")
                }
            }
        }
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func overlaysNeverCutWideCharacters(size: (Int, Int)) throws {
        let h = try Harness(width: size.0, height: size.1)
        Self.assertWideCellsPaired(h.frame)
        try h.press(.char("?"))
        Self.assertWideCellsPaired(h.frame)
        try h.press(.escape, .char("3"), .char("?"))
        Self.assertWideCellsPaired(h.frame)
    }

    @Test func rowsStayOneLineEach() throws {
        let h = try Harness(width: 120, height: 40)
        try h.press(.char("/"))
        try h.type("lb@")
        let frame = h.frame
        let rows = (0..<frame.height).map(frame.rowText).filter { $0.contains("Line") }
        #expect(rows.count == 1)
        #expect(rows.first?.contains("Line␊Break") == true)  // the placeholder, visible (the name is cut to its column)
        #expect(frame.height == 40)
    }
}
