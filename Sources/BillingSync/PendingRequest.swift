import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One URLSession data task in flight: ends exactly once, by its completion, its timeout, or cancellation.
///
/// Why not `session.data(for:)` in a task group with a timer: cancelling that call from Swift concurrency
/// runs `URLSessionTask.cancel()` (a `sync` onto the session's queue) while holding the Swift task's status
/// lock, and the session's queue may at that moment be resuming the same task, which needs that lock. The
/// test suite deadlocked on exactly that. Here the session is only ever called from plain dispatch threads.
final class PendingRequest: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `lock`.
    enum Ending: Sendable { case completed, timedOut, cancelled }

    private let lock = NSLock()
    private var continuation: CheckedContinuation<(Data, URLResponse), any Error>?
    private var task: URLSessionDataTask?
    private var timer: DispatchWorkItem?
    private var ending: Ending?
    private let timeout: Double

    init(timeout: Double) { self.timeout = timeout }

    /// Starts `request` on `session`; the continuation gets the body, a `TransportError`, a 401 answer's
    /// error, or `CancellationError`.
    func start(
        _ request: URLRequest, on session: URLSession,
        continuation: CheckedContinuation<(Data, URLResponse), any Error>
    ) {
        let task = session.dataTask(with: request) { [self] data, response, error in
            if let error {
                end(.completed, with: .failure(error))
            } else if let data, let response {
                end(.completed, with: .success((data, response)))
            } else {
                end(.completed, with: .failure(TransportError("network error (no response)")))
            }
        }
        let timer = DispatchWorkItem { [self] in
            end(.timedOut, with: .failure(
                TransportError("network error (timed out: no complete response within \(Int(timeout)) s)")))
        }
        lock.lock()
        if ending == .cancelled {
            lock.unlock()
            continuation.resume(throwing: CancellationError())
            return
        }
        self.continuation = continuation
        self.task = task
        self.timer = timer
        lock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout), execute: timer)
        task.resume()
    }

    /// Ends the request as cancelled; safe from any thread, before or after `start`.
    func cancel() {
        end(.cancelled, with: .failure(CancellationError()))
    }

    private func end(_ how: Ending, with result: Result<(Data, URLResponse), any Error>) {
        lock.lock()
        guard ending == nil else {
            lock.unlock()
            return
        }
        ending = how
        let continuation = self.continuation, task = self.task, timer = self.timer
        self.continuation = nil
        self.task = nil
        self.timer = nil
        lock.unlock()
        timer?.cancel()
        if how != .completed {
            // Off this thread: `cancel()` may run inside Swift's task-cancellation machinery.
            if let task { DispatchQueue.global().async { task.cancel() } }
        }
        continuation?.resume(with: result)
    }
}
