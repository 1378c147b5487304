import Foundation

/// Time for the fetcher: real in production, manual in tests.
public protocol SyncClock: Sendable {
    /// Seconds since 1970.
    func now() -> Double
    /// Waits `seconds` (or returns at once on a manual clock after advancing it).
    func sleep(seconds: Double) async throws
}

/// The wall clock.
public struct SystemClock: SyncClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}

/// A clock that only moves when slept on: a sleep advances it and returns at once (for tests).
public final class ManualClock: SyncClock, @unchecked Sendable {
    // @unchecked: every access to `current` and `slept` holds `lock`.
    private let lock = NSLock()
    private var current: Double
    private var sleeps: [Double] = []

    public init(now: Double = 1_781_956_800) { current = now }

    public func now() -> Double { lock.withLock { current } }

    public func sleep(seconds: Double) async throws {
        lock.withLock {
            sleeps.append(seconds)
            current += max(0, seconds)
        }
    }

    /// Moves time forward without a sleep.
    public func advance(seconds: Double) { lock.withLock { current += seconds } }

    /// Every sleep requested so far, in order.
    public var slept: [Double] { lock.withLock { sleeps } }
}
