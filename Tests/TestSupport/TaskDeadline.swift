import Foundation

/// Awaits a task's value for at most a given time, so a test whose task hangs fails with a message instead of
/// stalling the whole run until CI's watchdog kills it.
///
/// `Task.value` ignores cancellation, and a task group waits for all its children on the way out, so racing the
/// task against a sleep in a group would hang just the same. Here whichever of the two answers first resumes one
/// continuation; a hung task is left behind (the test has already failed).
public enum TaskDeadline {
    /// `task`'s value, or nil when it has not finished within `seconds`.
    public static func value<T: Sendable>(of task: Task<T, Never>, within seconds: Double) async -> T? {
        let once = ResumeOnce<T?>()
        return await withCheckedContinuation { continuation in
            once.set(continuation)
            Task { once.resume(with: await task.value) }
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                once.resume(with: nil)
            }
        }
    }
}

/// A continuation resumed by whichever caller comes first; later calls are ignored.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    func set(_ continuation: CheckedContinuation<T, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func resume(with value: T) {
        let taken = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        taken?.resume(returning: value)
    }
}
