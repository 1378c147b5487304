import Foundation
import TestSupport
import Testing

/// The bounded wait the end-to-end tests use on runs they cancel: a task that ends gives its value, one that does
/// not gives nil when the time is up, while it goes on (its `value` ignores cancellation).
struct TaskDeadlineTests {
    @Test func aTaskThatEndsGivesItsValue() async {
        let task = Task { 42 }
        #expect(await TaskDeadline.value(of: task, within: 30) == 42)
    }

    @Test func aTaskThatNeverEndsGivesNil() async {
        // Cancellation does not stop it: as a run stuck on a queue it never leaves. Its continuation is kept
        // and never resumed, so only the deadline can answer, however late a loaded machine runs either task.
        let task = Task { await NeverResumed.wait() }
        task.cancel()
        #expect(await TaskDeadline.value(of: task, within: 0.3) == nil)
    }
}

/// Continuations kept for the life of the test process and never resumed (dropping one unresumed is a misuse
/// the runtime reports).
private enum NeverResumed {
    nonisolated(unsafe) private static var kept: [UnsafeContinuation<Int, Never>] = []
    private static let lock = NSLock()

    static func wait() async -> Int {
        await withUnsafeContinuation { continuation in lock.withLock { kept.append(continuation) } }
    }
}
