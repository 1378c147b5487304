import CNCurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Restores the terminal on every way out: fatal signals end curses then re-raise with the default action
/// (so the exit status is honest); SIGTSTP ends curses, stops, and on continue asks for a repaint; atexit
/// covers `exit()` from anywhere. curses is only touched while a terminal is active.
enum TerminalSignals {
    /// Set while a CursesTerminal owns the screen (read by the handlers).
    nonisolated(unsafe) static var active: Int32 = 0
    /// Set by the SIGTSTP handler after the process continues; `readEvent` repaints and reports a resize.
    nonisolated(unsafe) static var resumed: Int32 = 0
    /// Set by the SIGWINCH handler; `readEvent` reads the new size on the UI thread.
    nonisolated(unsafe) static var windowChanged: Int32 = 0
    nonisolated(unsafe) static var installed = false
    nonisolated(unsafe) static var atexitRegistered = false

    static let fatal: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Installs the handlers; called before `newterm` so ncurses leaves them alone.
    static func install() {
        guard !installed else { return }
        installed = true
        for sig in fatal { _ = signal(sig, fatalHandler) }
        _ = signal(SIGTSTP, stopHandler)
        _ = signal(SIGWINCH, windowHandler)
        if !atexitRegistered {
            atexitRegistered = true
            atexit {
                if TerminalSignals.active != 0 {
                    TerminalSignals.active = 0
                    endwin()
                }
            }
        }
    }

    /// Puts back the default dispositions (after teardown).
    static func uninstall() {
        guard installed else { return }
        installed = false
        for sig in fatal { _ = signal(sig, SIG_DFL) }
        _ = signal(SIGTSTP, SIG_DFL)
        _ = signal(SIGWINCH, SIG_DFL)
    }
}

private func windowHandler(_ sig: Int32) {
    TerminalSignals.windowChanged = 1
}

private func fatalHandler(_ sig: Int32) {
    if TerminalSignals.active != 0 {
        TerminalSignals.active = 0
        endwin()
    }
    _ = signal(sig, SIG_DFL)
    billtop_unblock_signal(sig)
    _ = raise(sig)
}

private func stopHandler(_ sig: Int32) {
    let wasActive = TerminalSignals.active != 0
    if wasActive { endwin() }
    _ = signal(SIGTSTP, SIG_DFL)
    billtop_unblock_signal(SIGTSTP)
    _ = raise(SIGTSTP)
    // Execution continues here after SIGCONT: take the handler back and let the UI loop repaint.
    _ = signal(SIGTSTP, stopHandler)
    if wasActive { TerminalSignals.resumed = 1 }
}
