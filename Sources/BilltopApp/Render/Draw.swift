import BillingCore
import TUIKit

/// Small drawing primitives on a `CellGrid`: boxes, fitted text, table rows.
public enum Draw {
    /// `text` sanitised and cut to `width` columns, with "…" when cut; never splits a grapheme.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let clean = TextSanitizer.clean(text)
        if DisplayWidth.of(clean) <= width { return clean }
        var out = ""
        var used = 0
        for character in clean {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// Writes fitted text in a field of `width` columns, aligned; returns the column after the field.
    @discardableResult
    public static func field(
        _ grid: inout CellGrid, _ text: String, x: Int, y: Int, width: Int, style: CellStyle = .plain,
        align: Column.Align = .left
    ) -> Int {
        let fitted = fit(text, width)
        let pad = align == .right ? width - DisplayWidth.of(fitted) : 0
        grid.put(fitted, x: x + max(0, pad), y: y, style: style, maxX: x + width)
        return x + width
    }

    /// Fills a rectangle drawn over other content (an overlay), first blanking wide graphemes cut by its
    /// edges: half a wide character left outside would shift the rest of the row on a real terminal.
    public static func clear(_ grid: inout CellGrid, _ rect: Rect, style: CellStyle = .plain) {
        for y in max(0, rect.y)..<min(grid.height, rect.maxY) {
            if rect.x > 0, rect.x < grid.width, grid[rect.x, y].isContinuation {
                grid[rect.x - 1, y] = Cell(" ", style: grid[rect.x - 1, y].style)
            }
            if rect.maxX < grid.width, grid[rect.maxX, y].isContinuation {
                grid[rect.maxX, y] = Cell(" ", style: grid[rect.maxX, y].style)
            }
        }
        grid.fill(rect, with: Cell(" ", style: style))
    }

    /// A border with a title; the focused pane's border is highlighted.
    public static func box(_ grid: inout CellGrid, _ rect: Rect, title: String, focused: Bool) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style = CellStyle(focused ? .borderFocused : .border, bold: focused)
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x..<rect.maxX {
            grid[x, rect.y] = Cell("─", style: style)
            grid[x, bottom] = Cell("─", style: style)
        }
        for y in rect.y..<rect.maxY {
            grid[rect.x, y] = Cell("│", style: style)
            grid[right, y] = Cell("│", style: style)
        }
        grid[rect.x, rect.y] = Cell("┌", style: style)
        grid[right, rect.y] = Cell("┐", style: style)
        grid[rect.x, bottom] = Cell("└", style: style)
        grid[right, bottom] = Cell("┘", style: style)
        let label = " " + fit(title, max(0, rect.width - 6)) + " "
        grid.put(label, x: rect.x + 2, y: rect.y, style: CellStyle(.title, bold: focused), maxX: right)
    }

    /// Column titles in the header style.
    public static func headerRow(_ grid: inout CellGrid, _ columns: [Column], widths: [Int], x: Int, y: Int, totalWidth: Int) {
        grid.fill(Rect(x: x, y: y, width: totalWidth, height: 1), with: Cell(" ", style: CellStyle(.header, bold: true)))
        var column = x
        for (i, c) in columns.enumerated() where widths[i] > 0 {
            field(&grid, c.title, x: column, y: y, width: widths[i], style: CellStyle(.header, bold: true), align: c.align)
            column += widths[i] + 1
        }
    }

    /// One table row: each value with its own role; the selected row is drawn reversed across its width.
    public static func row(
        _ grid: inout CellGrid, _ values: [(String, StyleRole)], columns: [Column], widths: [Int], x: Int, y: Int,
        totalWidth: Int, selected: Bool, focused: Bool
    ) {
        let rowStyle: CellStyle? = selected ? CellStyle(focused ? .selection : .selectionUnfocused, reverse: focused) : nil
        grid.fill(Rect(x: x, y: y, width: totalWidth, height: 1), with: Cell(" ", style: rowStyle ?? .plain))
        var column = x
        for (i, c) in columns.enumerated() where widths[i] > 0 && i < values.count {
            let style = rowStyle ?? CellStyle(values[i].1)
            field(&grid, values[i].0, x: column, y: y, width: widths[i], style: style, align: c.align)
            column += widths[i] + 1
        }
    }

    /// Text centred on a row.
    public static func centered(_ grid: inout CellGrid, _ text: String, in rect: Rect, y: Int, style: CellStyle = .plain) {
        let fitted = fit(text, rect.width)
        let x = rect.x + max(0, (rect.width - DisplayWidth.of(fitted)) / 2)
        grid.put(fitted, x: x, y: y, style: style, maxX: rect.maxX)
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
                line = fit(word, width)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
