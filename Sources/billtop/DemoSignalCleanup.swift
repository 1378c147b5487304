#if canImport(Glibc)
    import Glibc
#endif

/// The signal-handler half of `DemoDirectory`: paths prepared as C strings up front (a handler must not
/// allocate), unlinked on a fatal signal before the previous handler (or the default action) runs.
enum DemoSignalCleanup {
    typealias Action = sigaction  // the struct (the bare name in an expression is the function)
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    nonisolated(unsafe) static var files: [UnsafeMutablePointer<CChar>] = []
    nonisolated(unsafe) static var directory: UnsafeMutablePointer<CChar>?
    /// The handler each signal had before ours, indexed by signal number (read in the handler).
    nonisolated(unsafe) static var previous = [Action](repeating: Action(), count: 65)

    static func prepare(directory path: String, files paths: [String]) {
        files = paths.map { strdup($0) }
        directory = strdup(path)
    }

    /// Puts our handler in front of whatever handles the fatal signals now.
    static func install() {
        for sig in signals {
            var action = Action()
            action.__sigaction_handler.sa_handler = demoCleanupHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = Action()
            sigaction(sig, &action, &old)
            // Installing twice must not make us our own "previous" (that would loop).
            if address(old.__sigaction_handler.sa_handler) != address(demoCleanupHandler) { previous[Int(sig)] = old }
        }
    }

    static func address(_ handler: __sighandler_t?) -> Int { unsafeBitCast(handler, to: Int.self) }

    static func unlinkAll() {
        for file in files { unlink(file) }
        if let directory { rmdir(directory) }
    }
}

private func demoCleanupHandler(_ sig: Int32) {
    DemoSignalCleanup.unlinkAll()
    var old = DemoSignalCleanup.previous[Int(sig)]
    let current = old.__sigaction_handler.sa_handler
    if let handler = current, DemoSignalCleanup.address(current) != DemoSignalCleanup.address(SIG_DFL),
        DemoSignalCleanup.address(current) != DemoSignalCleanup.address(SIG_IGN)
    {
        handler(sig)  // the terminal's handler: restores the screen, then re-raises with the default action
        return
    }
    sigaction(sig, &old, nil)
    _ = raise(sig)
}
