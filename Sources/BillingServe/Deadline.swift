import Synchronization

/// Runs work that may never return (a statement on a connection the server has just dropped can wait forever
/// instead of failing), and stops waiting after a limit. The work is left to finish on its own: a task group
/// would wait for it, which is the hang this avoids.
enum Deadline {
    enum Result: Sendable, Equatable {
        case finished, failed, timedOut
    }

    static func run(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async -> Result {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            let answer = FirstAnswer(continuation)
            let work = Task {
                do {
                    try await body()
                    answer.give(.finished)
                } catch {
                    answer.give(.failed)
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                answer.give(.timedOut)
                work.cancel()
            }
        }
    }

    /// Resumes the continuation with the first answer given; later ones are dropped.
    private final class FirstAnswer: Sendable {
        private let continuation: Mutex<CheckedContinuation<Result, Never>?>

        init(_ continuation: CheckedContinuation<Result, Never>) { self.continuation = Mutex(continuation) }

        func give(_ result: Result) {
            let waiting = continuation.withLock { stored in
                defer { stored = nil }
                return stored
            }
            waiting?.resume(returning: result)
        }
    }
}
