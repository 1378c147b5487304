import BillingCore
import Foundation

/// A thread-safe seeded random source for jitter.
final class LockedRandom: @unchecked Sendable {
    // @unchecked: `generator` is only touched under `lock`.
    private let lock = NSLock()
    private var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    func unit() -> Double { lock.withLock { generator.unit() } }
}
