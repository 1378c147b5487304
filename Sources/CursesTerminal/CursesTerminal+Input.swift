import CNCurses
import TUIKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Input: keys, mouse, resize and the repaint after a resume, all read on the UI thread.
extension CursesTerminal {
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
        return character.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.value < 0xA0 })
            ? nil : .char(character)
    }

    /// A lone ESC is the Esc key. ESC followed at once by '[' or 'O' is a sequence terminfo does not
    /// know (e.g. ctrl-arrow): swallow it whole so it cannot arrive as Esc plus typed characters.
    /// ESC followed by anything else (Alt+key) is reported as Esc, the key kept for the next read.
    fileprivate func escapeOrUnknownSequence() -> KeyEvent? {
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

    fileprivate func functionKey(_ code: Int32) -> KeyEvent? {
        switch code {
        case billtop_key_resize():
            let now = TerminalSize(
                width: Int(billtop_maxx(billtop_stdscr())), height: Int(billtop_maxy(billtop_stdscr())))
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

    fileprivate func mouseEvent() -> KeyEvent? {
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
    fileprivate func checkResize() -> KeyEvent? {
        guard TerminalSignals.windowChanged != 0 else { return nil }
        TerminalSignals.windowChanged = 0
        var window = winsize()
        guard ioctl(outputDescriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return nil
        }
        let now = TerminalSize(width: Int(window.ws_col), height: Int(window.ws_row))
        // The terminal may have reflowed or cleared the screen even when the size ends where it was at the
        // last read (A -> B -> A within one wait, as in a resize storm): curses' copy of the screen is stale
        // either way, so the next frame is drawn in full (found by TmuxTerminalTests' resize storm).
        clearok(billtop_curscr(), true)
        lastFrame = nil
        if now != size {
            resizeterm(Int32(now.height), Int32(now.width))
            size = now
        }
        return .resize(width: now.width, height: now.height)
    }

    fileprivate func repaintAfterResume() -> KeyEvent {
        // After SIGCONT the screen holds the shell's output: force curses to redraw everything.
        clearok(billtop_curscr(), true)
        wrefresh(billtop_stdscr())
        lastFrame = nil
        size = TerminalSize(width: Int(billtop_maxx(billtop_stdscr())), height: Int(billtop_maxy(billtop_stdscr())))
        return .resize(width: size.width, height: size.height)
    }
}
