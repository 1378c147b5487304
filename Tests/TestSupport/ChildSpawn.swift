import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a helper program for a test (tmux, `pg_ctl`, `initdb`) with posix_spawn and waits for it with waitpid,
/// every descriptor above stderr closed in the child.
///
/// Why closed: corelibs Foundation's `Process` learns that its child ended when a socket the child holds is
/// closed, and it creates that socket without close-on-exec. A program spawned by other code at that moment
/// inherits it, and if that program lives on (the test PostgreSQL server, a tmux server), `waitUntilExit` of the
/// unrelated `Process` waits for it too: for the test cluster, which stops only when the test process exits,
/// that is forever (a whole CI run hung so). Foundation's own spawns close every descriptor; ours now do too.
public enum ChildSpawn {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `arguments[0]` with `arguments`, stdin from /dev/null and, when `output` is given, stdout and stderr
    /// into that file (otherwise the test process's own); `resetSignals` gives the child an empty signal mask and
    /// default handlers, for a server that must see its own children die. Returns the raw wait status.
    public static func run(_ arguments: [String], output: String? = nil, resetSignals: Bool = false) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let output {
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        try closeFromThree(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if resetSignals {
            var empty = sigset_t()
            sigemptyset(&empty)
            posix_spawnattr_setsigmask(&attributes, &empty)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signal in [SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 on; Debian 12 has 2.36), found at run time: the
    /// Glibc module does not import it. It closes in the child whatever is open then, so a socket another thread
    /// creates between our check and the spawn cannot slip through, as it could with a list of descriptors.
    private static func closeFromThree(_ actions: inout posix_spawn_file_actions_t) throws {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else {
            throw Failure(
                description: "this C library has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later)")
        }
        let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
        let result = closeFrom(&actions, 3)
        guard result == 0 else {
            throw Failure(description: "closefrom for the child: \(String(cString: strerror(result)))")
        }
    }

    /// True when a wait status says the program exited with 0 (WIFEXITED and WEXITSTATUS spelled out: the C
    /// macros are not imported).
    public static func succeeded(_ status: Int32) -> Bool {
        status & 0x7f == 0 && (status >> 8) & 0xff == 0
    }
}
