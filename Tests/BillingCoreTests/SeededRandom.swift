import BillingCore

/// The property tests' generator: BillingCore's SplitMix64 with the draws they use.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
}
