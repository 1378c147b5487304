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
    public private(set) var size: TerminalSize
    public private(set) var colorLevel: ColorLevel
    /// Whether the locale can encode UTF-8; if not, non-ASCII cells are drawn with `AsciiFallback`.
    public let unicode: Bool

    private var screen: OpaquePointer?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private let outputDescriptor: Int32
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var palette: CursesPalette
    private var theme: Theme
    private var lastFrame: CellGrid?
    private var suspended = false
    private var tornDown = false
    private let widths = GlyphWidths()

    /// Takes over the terminal on `input`/`output` (default stdin/stdout).
    /// `environment` supplies TERM, NO_COLOR and COLORTERM; throws a one-line `TerminalError` when the
    /// terminal cannot host a full-screen UI.
    public init(
        theme: Theme = .dark, environment: [String: String], input: Int32 = 0, output: Int32 = 1, mouse: Bool = true
    ) throws(TerminalError) {
        setlocale(LC_ALL, "")
        unicode = billtop_locale_is_utf8() != 0
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else {
            throw TerminalError("TERM is not set; run billtop in a terminal (e.g. export TERM=xterm-256color)")
        }
        guard term != "dumb" else {
            throw TerminalError("TERM=dumb cannot draw a full-screen dashboard; run billtop in a terminal such as xterm-256color or tmux")
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
            throw TerminalError("cannot initialise the terminal TERM=\(term) (unknown to terminfo?); try TERM=xterm-256color")
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
                if c.isContinuation { continue }
                write(c, x: x, y: run.y, into: &cell)
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

    public func readEvent(timeoutMilliseconds: Int) -> KeyEvent? {
        guard !tornDown, !suspended else { return nil }
        if TerminalSignals.resumed != 0 {
            TerminalSignals.resumed = 0
            return repaintAfterResume()
        }
        if let resized = checkResize() { return resized }
        wtimeout(billtop_stdscr(), Int32(clamping: timeoutMilliseconds))
        var wide: wint_t = 0
        let status = wget_wch(billtop_stdscr(), &wide)
        if TerminalSignals.resumed != 0 {
            TerminalSignals.resumed = 0
            return repaintAfterResume()
        }
        if status == ERR, let resized = checkResize() { return resized }
        if status == billtop_key_code_yes() {
            return functionKey(Int32(wide))
        }
        guard status == OK else { return nil }
        if wide == 0x1B { return escapeOrUnknownSequence() }
        if wide < 0x20 || wide == 0x7F { return KeyEvent.fromControl(UInt8(wide)) }
        guard let scalar = Unicode.Scalar(UInt32(wide)) else { return nil }
        let character = Character(scalar)
        return character.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.value < 0xA0 }) ? nil : .char(character)
    }

    /// A lone ESC is the Esc key. ESC followed at once by '[' or 'O' is a sequence terminfo does not
    /// know (e.g. ctrl-arrow): swallow it whole so it cannot arrive as Esc plus typed characters.
    /// ESC followed by anything else (Alt+key) is reported as Esc, the key kept for the next read.
    private func escapeOrUnknownSequence() -> KeyEvent? {
        wtimeout(billtop_stdscr(), 0)
        var next: wint_t = 0
        guard wget_wch(billtop_stdscr(), &next) == OK else { return .escape }
        guard next == 0x5B || next == 0x4F else {
            unget_wch(wchar_t(next))
            return .escape
        }
        for _ in 0..<32 {
            var byte: wint_t = 0
            guard wget_wch(billtop_stdscr(), &byte) == OK else { break }
            if byte >= 0x40, byte <= 0x7E { break }  // the final byte of a CSI/SS3 sequence
        }
        return nil
    }

    private func functionKey(_ code: Int32) -> KeyEvent? {
        switch code {
        case billtop_key_resize():
            let now = TerminalSize(width: Int(billtop_maxx(billtop_stdscr())), height: Int(billtop_maxy(billtop_stdscr())))
            // resizeterm in checkResize queues a KEY_RESIZE of its own: do not report the same size twice.
            guard now != size || lastFrame != nil else { return nil }
            size = now
            lastFrame = nil
            return .resize(width: size.width, height: size.height)
        case billtop_key_mouse(): return mouseEvent()
        case billtop_key_up(): return .up
        case billtop_key_down(): return .down
        case billtop_key_left(): return .left
        case billtop_key_right(): return .right
        case billtop_key_home(), billtop_key_a1(), billtop_key_beg(): return .home
        case billtop_key_end(), billtop_key_c1(): return .end
        case billtop_key_ppage(), billtop_key_a3(): return .pageUp
        case billtop_key_npage(), billtop_key_c3(): return .pageDown
        case billtop_key_backspace(): return .backspace
        case billtop_key_dc(): return .delete
        case billtop_key_ic(): return .insert
        case billtop_key_btab(): return .backTab
        case billtop_key_enter(): return .enter
        case (billtop_key_f0() + 1)...(billtop_key_f0() + 24): return .function(Int(code - billtop_key_f0()))
        default: return nil
        }
    }

    private func mouseEvent() -> KeyEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let x = Int(event.x), y = Int(event.y)
        let state = event.bstate
        if state & billtop_button_pressed(4) != 0 { return .mouse(MouseEvent(.wheelUp, x: x, y: y)) }
        if state & billtop_button_pressed(5) != 0 { return .mouse(MouseEvent(.wheelDown, x: x, y: y)) }
        for button in 1...3 {
            if state & (billtop_button_pressed(Int32(button)) | billtop_button_clicked(Int32(button))) != 0 {
                return .mouse(MouseEvent(.press(button: button), x: x, y: y))
            }
            if state & billtop_button_released(Int32(button)) != 0 {
                return .mouse(MouseEvent(.release(button: button), x: x, y: y))
            }
        }
        return nil
    }

    /// SIGWINCH goes to any thread of a multi-threaded process, so ncurses' own handler cannot be relied
    /// on to interrupt the UI thread's wait. Our handler only sets a flag; here, on the UI thread, the
    /// real size is read and curses resized.
    private func checkResize() -> KeyEvent? {
        guard TerminalSignals.windowChanged != 0 else { return nil }
        TerminalSignals.windowChanged = 0
        var window = winsize()
        guard ioctl(outputDescriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return nil
        }
        let now = TerminalSize(width: Int(window.ws_col), height: Int(window.ws_row))
        guard now != size else { return nil }
        resizeterm(Int32(now.height), Int32(now.width))
        size = now
        lastFrame = nil
        return .resize(width: now.width, height: now.height)
    }

    private func repaintAfterResume() -> KeyEvent {
        // After SIGCONT the screen holds the shell's output: force curses to redraw everything.
        clearok(billtop_curscr(), true)
        wrefresh(billtop_stdscr())
        lastFrame = nil
        size = TerminalSize(width: Int(billtop_maxx(billtop_stdscr())), height: Int(billtop_maxy(billtop_stdscr())))
        return .resize(width: size.width, height: size.height)
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
