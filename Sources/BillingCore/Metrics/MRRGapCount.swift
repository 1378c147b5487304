/// One gap and how many live subscriptions carry it: what `billtop mrr` and the MRR pane report.
public struct MRRGapCount: Hashable, Sendable {
    public var gap: MRRGap
    public var subscriptions: Int

    public init(gap: MRRGap, subscriptions: Int) {
        self.gap = gap
        self.subscriptions = subscriptions
    }

    /// "MRR excludes components: GET /components.json answered 403 Forbidden (12 subscriptions)".
    public var description: String {
        "\(gap.flag) (\(subscriptions) subscription\(subscriptions == 1 ? "" : "s"))"
    }
}
