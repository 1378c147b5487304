/// A horizontal proportion bar with eighth-cell precision (▏▎▍▌▋▊▉█), e.g. an aging bucket's share.
public struct Bar: Hashable, Sendable {
    static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public var value: Int64
    public var total: Int64

    public init(value: Int64, total: Int64) {
        self.value = max(0, value)
        self.total = max(0, total)
    }

    /// The bar for `width` cells, padded with spaces to exactly `width`.
    public func text(width: Int) -> String {
        guard width > 0 else { return "" }
        guard total > 0 else { return String(repeating: " ", count: width) }
        let clamped = UInt64(min(value, total))
        let product = clamped.multipliedFullWidth(by: UInt64(width * 8))
        let eighths = Int(UInt64(total).dividingFullWidth(product).quotient)
        var out = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { out.append(Bar.partials[eighths % 8 - 1]) }
        return out + String(repeating: " ", count: width - out.count)
    }

    /// Draws the bar in the first row of `rect`.
    public func render(into grid: inout CellGrid, in rect: Rect, role: StyleRole = .accent) {
        guard !rect.isEmpty else { return }
        grid.put(text(width: rect.width), x: rect.x, y: rect.y, style: CellStyle(role), maxX: rect.maxX)
    }
}
