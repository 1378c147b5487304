import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The session's delegate: hands each task's events to its `PendingRequest`.
///
/// swift-corelibs URLSession sends data, redirects and completions of tasks made without a completion
/// handler to the session's delegate (a task's own `delegate` is not asked for data there), so one
/// delegate routes them by task identifier. Every callback runs on the session's `BoundedDelegateQueue`.
final class SessionEvents: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: `requests` is only touched under `lock`.
    private let lock = NSLock()
    private var requests: [Int: PendingRequest] = [:]

    func register(_ request: PendingRequest, for task: URLSessionTask) {
        lock.withLock { requests[task.taskIdentifier] = request }
    }

    func unregister(_ task: URLSessionTask) {
        _ = lock.withLock { requests.removeValue(forKey: task.taskIdentifier) }
    }

    /// The request a task belongs to; nil once it ended (late chunks of a stopped body are dropped).
    private func request(for task: URLSessionTask) -> PendingRequest? {
        lock.withLock { requests[task.taskIdentifier] }
    }

    /// Declines every authentication challenge: the key is already in the Authorization header, and
    /// libcurl-backed URLSession would otherwise wait on a 401 for credentials it will never get.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        request(for: task)?.noteChallenge()
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // No request to ask (it already ended): follow nothing.
        completionHandler(self.request(for: task)?.redirect(to: request))
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        request(for: dataTask)?.received(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        request(for: dataTask)?.received(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let request = lock.withLock { requests.removeValue(forKey: task.taskIdentifier) }
        request?.completed(error: error, response: task.response)
    }
}
