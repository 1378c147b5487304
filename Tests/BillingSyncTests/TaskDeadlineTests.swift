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

    @Test func aTaskThatDoesNotEndGivesNilInTime() async {
        let started = ContinuousClock.now
        // Cancellation does not stop it: as a run stuck on a queue it never leaves.
        let task = Task {
            await withCheckedContinuation { (resumed: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + 20) { resumed.resume() }
            }
            return 1
        }
        task.cancel()
        #expect(await TaskDeadline.value(of: task, within: 0.3) == nil)
        #expect(ContinuousClock.now - started < .seconds(15), "nil came when the time was up, not when the task ended")
    }
}
