import TUIKit

/// Where everything goes at a given terminal size. Pure: the renderer draws with it, the reducer maps clicks
/// and list capacities with it.
public struct ScreenLayout: Sendable, Equatable {
    public enum Mode: Sendable, Equatable { case tooSmall, tabs, grid }

    /// Below this the dashboard shows only a "terminal too small" message.
    public static let minimumWidth = 60
    public static let minimumHeight = 15
    /// From this size up the four panes share the screen in a 2x2 grid.
    public static let gridWidth = 120
    public static let gridHeight = 40

    public let width: Int
    public let height: Int
    public let mode: Mode
    public let header: Rect
    /// The tab bar (tabs mode only).
    public let tabs: Rect?
    public let body: Rect
    public let status: Rect?
    public let footer: Rect

    public init(width: Int, height: Int, hasStatus: Bool) {
        self.width = width
        self.height = height
        if width < Self.minimumWidth || height < Self.minimumHeight {
            mode = .tooSmall
        } else if width >= Self.gridWidth && height >= Self.gridHeight {
            mode = .grid
        } else {
            mode = .tabs
        }
        header = Rect(x: 0, y: 0, width: width, height: 1)
        footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        status = hasStatus ? Rect(x: 0, y: height - 2, width: width, height: 1) : nil
        let top = mode == .tabs ? 2 : 1
        tabs = mode == .tabs ? Rect(x: 0, y: 1, width: width, height: 1) : nil
        body = Rect(x: 0, y: top, width: width, height: height - top - 1 - (hasStatus ? 1 : 0))
    }

    /// The boxed rectangle of a pane; in tabs mode only the focused pane has one.
    public func paneRect(_ pane: Pane, focus: Pane) -> Rect? {
        switch mode {
        case .tooSmall: return nil
        case .tabs: return pane == focus ? body : nil
        case .grid:
            let leftWidth = body.width / 2
            let topHeight = body.height / 2
            let left = pane == .customers || pane == .dunning
            let upper = pane == .customers || pane == .invoices
            return Rect(
                x: left ? body.x : body.x + leftWidth, y: upper ? body.y : body.y + topHeight,
                width: left ? leftWidth : body.width - leftWidth, height: upper ? topHeight : body.height - topHeight)
        }
    }

    /// Lines above a pane's list inside its box (search line, filter line, aging table...).
    public static func listHeaderLines(_ pane: Pane, dunningCurrencies: Int) -> Int {
        switch pane {
        case .customers: 2
        case .invoices: 2
        case .dunning: 1 + max(1, dunningCurrencies) + 1 + 1
        case .mrr: 0
        }
    }

    /// Lines below a pane's list inside its box (the invoices totals).
    public static func listFooterLines(_ pane: Pane) -> Int { pane == .invoices ? 1 : 0 }

    /// The rows of a pane's list (absolute), or an empty rect when the pane is not shown.
    public func listRect(_ pane: Pane, focus: Pane, dunningCurrencies: Int) -> Rect {
        guard let box = paneRect(pane, focus: focus) else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        let inner = box.inset(by: 1)
        let above = Self.listHeaderLines(pane, dunningCurrencies: dunningCurrencies)
        let below = Self.listFooterLines(pane)
        return Rect(x: inner.x, y: inner.y + above, width: inner.width, height: inner.height - above - below)
    }

    /// The tab under a column of the tab bar, matching how `TabBarView` lays tabs out.
    public func tab(atColumn x: Int) -> Pane? {
        TabBarLabel.tabs(selected: nil).index(atX: x, in: Rect(x: 0, y: 0, width: width, height: 1))
            .map { Pane.allCases[$0] }
    }
}

/// The label of a pane's tab: "1 Customers".
public enum TabBarLabel {
    public static func text(_ pane: Pane) -> String { "\(pane.rawValue) \(pane.title)" }

    /// The tab bar: one tab per pane, in pane order, `selected` highlighted.
    public static func tabs(selected: Pane?) -> Tabs {
        Tabs(Pane.allCases.map(text), selected: selected.flatMap { Pane.allCases.firstIndex(of: $0) })
    }
}
