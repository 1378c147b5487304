import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One URLSession data task in flight: gathers its body under a cap, decides its redirects, and ends
/// exactly once, by its completion, a refusal, its timeout, or cancellation.
///
/// Why not `session.data(for:)` in a task group with a timer: cancelling that call from Swift concurrency
/// runs `URLSessionTask.cancel()` (a `sync` onto the session's queue) while holding the Swift task's status
/// lock, and the session's queue may at that moment be resuming the same task, which needs that lock. The
/// test suite deadlocked on exactly that. Here the session is only ever called from plain dispatch threads.
/// Why not a completion handler: URLSession then buffers the whole body itself, however large, and
/// follows every redirect with the key.
final class PendingRequest: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `lock`.
    enum Ending: Sendable { case completed, timedOut, cancelled, refused }

    /// The server answered 401 with a challenge that `SessionEvents` declined: the key was rejected.
    struct ChallengeDeclined: Error {}

    private let lock = NSLock()
    private var continuation: CheckedContinuation<(Data, URLResponse), any Error>?
    private var task: URLSessionDataTask?
    private var events: SessionEvents?
    private var timer: DispatchWorkItem?
    private var ending: Ending?
    private var body = Data()
    private var followed = 0
    private var challenged = false
    private let method: String
    private let url: URL
    private let timeout: Double
    private let limit: Int

    init(method: String, url: URL, timeout: Double, limit: Int) {
        self.method = method
        self.url = url
        self.timeout = timeout
        self.limit = limit
    }

    /// Runs a call into URLSession that may wait on its work queue (making, resuming or cancelling a task)
    /// on a serial queue of its own: those run on threads made as needed, while the global queues have one
    /// thread per core on Linux, shared with Swift concurrency, and libcurl may hold the work queue (one
    /// for every session of the process) for as long as a server keeps its socket full.
    static func call(_ work: @escaping @Sendable () -> Void) {
        DispatchQueue(label: "billtop.http.call").async(execute: work)
    }

    /// Starts `request` on `session`; the continuation gets the body, a `TransportError`, a
    /// `TransportRefusal`, `ChallengeDeclined`, a `URLError`, or `CancellationError`.
    func start(
        _ request: URLRequest, on session: URLSession, events: SessionEvents,
        continuation: CheckedContinuation<(Data, URLResponse), any Error>
    ) {
        let timer = DispatchWorkItem { [self] in
            end(
                .timedOut,
                with: .failure(
                    TransportError("network error (timed out: no complete response within \(Int(timeout)) s)")))
        }
        lock.lock()
        if ending == .cancelled {
            lock.unlock()
            continuation.resume(throwing: CancellationError())
            return
        }
        self.continuation = continuation
        self.events = events
        self.timer = timer
        lock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout), execute: timer)
        // Off the caller's thread, after the timer: making a task waits on the session's work queue, which
        // libcurl may hold for as long as a hostile server keeps its socket full (`BoundedDelegateQueue`).
        // A Swift concurrency thread must never wait on that; the timeout still ends the request.
        Self.call { [self] in
            let task = session.dataTask(with: request)
            lock.lock()
            guard ending == nil else {
                lock.unlock()
                // Never resumed, but known to its session, which would otherwise keep it forever.
                task.cancel()
                return
            }
            self.task = task
            lock.unlock()
            events.register(self, for: task)
            task.resume()
        }
    }

    /// Ends the request as cancelled; safe from any thread, before or after `start`.
    func cancel() {
        end(.cancelled, with: .failure(CancellationError()))
    }

    // MARK: Events from `SessionEvents`, on the delegate queue

    /// A declared `Content-Length` over the cap stops the request before its body is read.
    func received(_ response: URLResponse) {
        guard response.expectedContentLength > Int64(limit) else { return }
        end(
            .refused,
            with: .failure(TransportRefusal.tooLarge(ResponseLimit.exceeded(method: method, url: url, limit: limit))))
    }

    /// Appends a chunk (already gzip-decoded by libcurl); over the cap, the request stops at once.
    func received(_ data: Data) {
        lock.lock()
        guard ending == nil else {
            lock.unlock()
            return
        }
        guard body.count + data.count <= limit else {
            lock.unlock()
            end(
                .refused,
                with: .failure(
                    TransportRefusal.tooLarge(ResponseLimit.exceeded(method: method, url: url, limit: limit))))
            return
        }
        body.append(data)
        lock.unlock()
    }

    /// The request to follow a redirect with (the same one URLSession proposed, headers and all), or nil
    /// to stop: only within the request's own origin, and only `RedirectRule.maxFollowed` times.
    func redirect(to proposed: URLRequest) -> URLRequest? {
        let followedSoFar = lock.withLock { followed }
        switch RedirectRule.decide(from: url, to: proposed.url, followed: followedSoFar) {
        case .follow:
            lock.withLock {
                followed += 1
                body = Data()
            }
            return proposed
        case .refuse(let message):
            end(.refused, with: .failure(TransportRefusal.redirect(message)))
            return nil
        }
    }

    func noteChallenge() {
        lock.withLock { challenged = true }
    }

    func completed(error: (any Error)?, response: URLResponse?) {
        let (data, declined) = lock.withLock { (body, challenged) }
        if declined {
            end(.completed, with: .failure(ChallengeDeclined()))
        } else if let error {
            end(.completed, with: .failure(error))
        } else if let response {
            end(.completed, with: .success((data, response)))
        } else {
            end(.completed, with: .failure(TransportError("network error (no response)")))
        }
    }

    private func end(_ how: Ending, with result: Result<(Data, URLResponse), any Error>) {
        lock.lock()
        guard ending == nil else {
            lock.unlock()
            return
        }
        ending = how
        let continuation = self.continuation, task = self.task, timer = self.timer, events = self.events
        self.continuation = nil
        self.task = nil
        self.timer = nil
        self.events = nil
        body = Data()
        lock.unlock()
        timer?.cancel()
        if let task { events?.unregister(task) }
        // A refused redirect needs no cancel: returning nil ends the task with the 3xx already read.
        let refusedBody = how == .refused && !Self.isRedirect(result)
        if how == .timedOut || refusedBody, let task, let origin = Origin(url) {
            // libcurl reads on while the socket stays readable, and `cancel()` waits behind it on the work
            // queue: end the transfer from below (`ConnectionCutter`) until the task is no longer running.
            ConnectionCutter.cut(host: origin.host, port: origin.port) { task.state != .running }
        }
        if how == .timedOut || how == .cancelled || refusedBody, let task {
            // Off this thread: `cancel()` may run inside Swift's task-cancellation machinery.
            Self.call { task.cancel() }
        }
        continuation?.resume(with: result)
    }

    private static func isRedirect(_ result: Result<(Data, URLResponse), any Error>) -> Bool {
        if case .failure(TransportRefusal.redirect) = result { true } else { false }
    }
}
