import BillingCore
import CNCurses
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ncurses terminal: the only code in billtop that calls curses.
///
/// `init` sets the locale, installs the restoring signal handlers, opens curses on the given file
/// descriptors (so a test can capture the bytes), enters the alternate screen, and sets up colours and
/// mouse. `present` writes only cells that changed since the last frame and refreshes once.
/// Call `teardown` on the way out (fatal signals and `exit` restore the terminal on their own).
public final class CursesTerminal: Terminal {
    public internal(set) var size: TerminalSize
    public private(set) var colorLevel: ColorLevel
    /// Whether the locale can encode UTF-8; if not, non-ASCII cells are drawn with `AsciiFallback`.
    public let unicode: Bool

    private var screen: OpaquePointer?
    private var outputFile: UnsafeMutablePointer<FILE>?
    let outputDescriptor: Int32
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var palette: CursesPalette
    private var theme: Theme
    var lastFrame: CellGrid?
    var suspended = false
    var tornDown = false
    private let widths = GlyphWidths()

    /// Takes over the terminal on `input`/`output` (default stdin/stdout).
    /// `environment` supplies TERM, NO_COLOR and COLORTERM; throws a one-line `TerminalError` when the
    /// terminal cannot host a full-screen UI.
    public init(
        theme: Theme = .dark, environment: [String: String], input: Int32 = 0, output: Int32 = 1, mouse: Bool = true,
        size forcedSize: TerminalSize? = nil
    ) throws(TerminalError) {
        setlocale(LC_ALL, "")
        unicode = billtop_locale_is_utf8() != 0
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else {
            throw TerminalError("TERM is not set; run billtop in a terminal (e.g. export TERM=xterm-256color)")
        }
        guard term != "dumb" else {
            throw TerminalError(
                "TERM=dumb cannot draw a full-screen dashboard; run billtop in a terminal such as xterm-256color or tmux"
            )
        }
        guard TerminalSignals.active == 0 else {
            throw TerminalError("a terminal is already open in this process; tear it down first")
        }
        outputDescriptor = output
        guard let outCopy = fdopen(dup(output), "w"), let inCopy = fdopen(dup(input), "r") else {
            throw TerminalError("cannot open the terminal file descriptors (\(String(cString: strerror(errno))))")
        }
        TerminalSignals.install()
        guard let screen = newterm(term, outCopy, inCopy) else {
            fclose(outCopy)
            fclose(inCopy)
            TerminalSignals.uninstall()
            throw TerminalError(
                "cannot initialise the terminal TERM=\(term) (unknown to terminfo?); try TERM=xterm-256color")
        }
        set_term(screen)
        self.screen = screen
        outputFile = outCopy
        inputFile = inCopy
        TerminalSignals.active = 1

        cbreak()
        noecho()
        nonl()
        keypad(billtop_stdscr(), true)
        set_escdelay(25)  // Esc must feel instant; real escape sequences arrive well within 25 ms
        curs_set(0)
        var level = ColorLevel.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            level = ColorLevel.detect(
                environment: environment, hasColors: true, colors: Int(billtop_colors()),
                canChangeColor: can_change_color())
        } else {
            level = .monochrome
        }
        colorLevel = level
        self.theme = theme
        palette = CursesPalette(theme: theme, level: level)
        if mouse {
            // Press and release only (no click synthesis, which delays presses by the click interval).
            mouseinterval(0)
            mousemask(billtop_mouse_all(), nil)
        }
        if let forcedSize, forcedSize.width > 0, forcedSize.height > 0 {
            // A pipe has no window size: benchmarks that capture bytes on a pipe say how big the screen is.
            resizeterm(Int32(forcedSize.height), Int32(forcedSize.width))
        }
        size = TerminalSize(width: Int(billtop_maxx(billtop_stdscr())), height: Int(billtop_maxy(billtop_stdscr())))
    }

    deinit {
        teardown()
    }

    public func setTheme(_ theme: Theme) {
        self.theme = theme
        palette = CursesPalette(theme: theme, level: colorLevel)
        lastFrame = nil
    }

    public func present(_ grid: CellGrid, cursor: (x: Int, y: Int)?) {
        guard !tornDown, !suspended else { return }
        let runs = GridDiff.runs(from: lastFrame, to: grid)
        var cell = cchar_t()
        for run in runs {
            var x = run.x
            for c in run.cells {
                defer { x += 1 }
                if c.isContinuation {
                    // Drawn by the wide grapheme to its left, unless that is missing (a grid written cell by cell).
                    if x > 0, isWideLead(grid[x - 1, run.y]) { continue }
                    write(Cell(" ", style: c.style), x: x, y: run.y, into: &cell)
                } else if isWideLead(c), x + 1 >= grid.width || !grid[x + 1, run.y].isContinuation {
                    write(Cell("?", style: c.style), x: x, y: run.y, into: &cell)  // no room for its right half
                } else {
                    write(c, x: x, y: run.y, into: &cell)
                }
            }
        }
        lastFrame = grid
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            wmove(billtop_stdscr(), Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        // One refresh per frame: curses sends only what differs from the physical screen.
        wrefresh(billtop_stdscr())
    }

    private func isWideLead(_ c: Cell) -> Bool {
        guard let first = c.grapheme.first, !c.isContinuation else { return false }
        return c.grapheme.utf8.count > 1 && DisplayWidth.of(first) == 2
    }

    private func write(_ c: Cell, x: Int, y: Int, into cell: inout cchar_t) {
        let entry = palette.entry(for: c.style)
        let width = DisplayWidth.of(Character(c.grapheme.isEmpty ? " " : c.grapheme))
        var scalars = widths.drawable(c.grapheme, width: width, unicode: unicode)
        if scalars == nil {
            // Curses or the locale disagree about this grapheme: draw ASCII in every column it takes.
            let text = AsciiFallback.replacement(for: c.grapheme, width: width)
            for (i, ch) in text.unicodeScalars.enumerated() {
                var wide: [wchar_t] = [wchar_t(ch.value), 0]
                billtop_setcchar(&cell, &wide, entry.attributes, entry.pair)
                billtop_put(Int32(y), Int32(x + i), &cell)
            }
            return
        }
        billtop_setcchar(&cell, &scalars!, entry.attributes, entry.pair)
        billtop_put(Int32(y), Int32(x), &cell)
    }

    public func suspend() {
        guard !tornDown, !suspended else { return }
        suspended = true
        def_prog_mode()
        endwin()
        TerminalSignals.active = 0
    }

    public func resume() {
        guard !tornDown, suspended else { return }
        suspended = false
        TerminalSignals.active = 1
        reset_prog_mode()
        clearok(billtop_curscr(), true)
        lastFrame = nil
        wrefresh(billtop_stdscr())
    }

    public func teardown() {
        guard !tornDown else { return }
        tornDown = true
        if !suspended { endwin() }
        TerminalSignals.active = 0
        TerminalSignals.uninstall()
        if let screen { delscreen(screen) }
        screen = nil
        if let outputFile { fclose(outputFile) }
        if let inputFile { fclose(inputFile) }
        outputFile = nil
        inputFile = nil
    }
}
