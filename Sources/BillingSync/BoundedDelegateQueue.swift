import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The URLSession's delegate queue, with a bound on how many callbacks may wait in it.
///
/// swift-corelibs URLSession cannot pause libcurl: every chunk libcurl writes (after gzip decoding)
/// becomes an operation on the delegate queue, and libcurl keeps reading for as long as the socket stays
/// readable, even after `cancel()` (which waits its turn on the session's work queue behind libcurl).
/// Against a fast loopback server a 10 MB gzip bomb queued 10 GiB of chunks (11 GB resident) before the
/// delegate saw the first 64 MB. Here `addOperation` blocks its caller, libcurl's thread inside its write
/// callback, while `capacity` operations wait, so libcurl reads no faster than billtop looks at the bytes:
/// memory stays bounded whatever the server sends (see `URLSessionTransport.retire`).
final class BoundedDelegateQueue: OperationQueue, @unchecked Sendable {
    // @unchecked: the semaphore is thread-safe; OperationQueue is not marked Sendable in corelibs.
    private let permits: DispatchSemaphore
    /// Where the callbacks run: a queue of its own (held here: OperationQueue keeps it unowned). Left to
    /// itself, OperationQueue runs on the global queues, whose few threads (one per core on Linux) are
    /// also Swift concurrency's; a callback that waits there (`SessionEvents` draining a refused body)
    /// would stall every task of the process.
    private let callbacks = DispatchQueue(label: "billtop.http.delegate")

    /// - Parameter capacity: operations allowed to wait; libcurl writes at most 16 KB per chunk, so 64 is 1 MB.
    init(capacity: Int = 64) {
        permits = DispatchSemaphore(value: capacity)
        super.init()
        maxConcurrentOperationCount = 1
        name = "billtop.http.delegate"
        underlyingQueue = callbacks
    }

    override func addOperation(_ block: @escaping @Sendable () -> Void) {
        // An operation added from this queue must not wait for the queue: it would wait for itself.
        guard OperationQueue.current !== self else {
            super.addOperation(block)
            return
        }
        permits.wait()
        super.addOperation { [permits] in
            block()
            permits.signal()
        }
    }
}
