import BillingCore

/// The sandbox's own seeded generator (SplitMix64): the same seed gives the same company on every machine.
///
/// `SystemRandomNumberGenerator` is never used, so a seed is a complete description of the data.
public struct SandboxRandom: RandomNumberGenerator, Sendable {
    private var base: SplitMix64

    /// A generator whose whole output is fixed by `seed`.
    public init(seed: UInt64) { base = SplitMix64(seed: seed) }

    /// A generator for one named stream of a seed, so that adding draws to one part of the generator
    /// does not shift every other part's data.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SandboxRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        base = SplitMix64(seed: mixer.next())
    }

    public mutating func next() -> UInt64 { base.next() }

    /// A uniform integer in `0..<bound` (bound > 0).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// A uniform integer in a closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Double) -> Bool {
        base.unit() * 100 < percent
    }

    /// True with probability `fraction` (0...1).
    public mutating func chance(fraction: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < fraction
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index chosen by integer weights.
    public mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var roll = below(total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// A stateless hash of a few numbers, for per-request fault decisions that must not depend on timing.
    public static func hash(_ values: UInt64...) -> UInt64 {
        var generator = SandboxRandom(seed: 0x5EED)
        var result: UInt64 = 0
        for value in values {
            generator = SandboxRandom(seed: generator.next() ^ value)
            result = generator.next()
        }
        return result
    }
}
