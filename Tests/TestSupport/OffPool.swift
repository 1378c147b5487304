import Foundation

/// Runs blocking or time-keeping test code on a thread of its own, not on Swift's cooperative pool.
///
/// The pool has one thread per core (two on CI). A test that blocks one of them (`waitUntilExit`, a busy wait)
/// takes it from every other test and from whatever they are waiting on; and a test whose timing matters (freeze a
/// child every 20-120 ms) gets its turns late when the pool is saturated by a whole test run, while the child it
/// times runs at full speed. Both were seen in CI runs.
public enum OffPool {
    /// `body`'s result, computed on a new thread; the caller's task is suspended meanwhile, holding no thread.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.start()
        }
    }

    /// Waits for `process` to end without holding a pool thread.
    public static func waitUntilExit(_ process: Process) async {
        let box = SendableProcess(process)
        await run { box.process.waitUntilExit() }
    }
}

/// A child process handed to an `OffPool` thread: Foundation's `Process` is not `Sendable`, and its `isRunning`,
/// `processIdentifier` and `waitUntilExit` are safe from any thread.
public final class SendableProcess: @unchecked Sendable {
    public let process: Process
    public init(_ process: Process) { self.process = process }
}
