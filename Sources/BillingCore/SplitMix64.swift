/// SplitMix64: a tiny seeded generator, so whatever draws from it (generated companies, jitter, property tests,
/// kill timings) is reproducible from its seed on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole output is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform fraction in [0, 1) from the top 53 bits (for jitter and odds, never for money).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
