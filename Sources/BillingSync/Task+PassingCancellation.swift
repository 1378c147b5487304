/// Waiting on a task of one's own (`Task { ... }`): such a task does not inherit its waiter's cancellation, so a
/// cancelled sync would wait for its request's timeout. These wait and pass the cancellation on.
extension Task where Failure == any Error {
    /// The task's value; a cancelled caller cancels the task.
    func valuePassingCancellation() async throws -> Success {
        try await withTaskCancellationHandler {
            try await value
        } onCancel: {
            cancel()
        }
    }
}

extension Task where Failure == Never {
    /// The task's value; a cancelled caller cancels the task.
    func valuePassingCancellation() async -> Success {
        await withTaskCancellationHandler {
            await value
        } onCancel: {
            cancel()
        }
    }
}
