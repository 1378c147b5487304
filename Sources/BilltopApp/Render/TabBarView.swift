import TUIKit

/// The tab bar of small terminals: "1 Customers  2 Invoices  3 Dunning  4 MRR", the focused one highlighted.
public enum TabBarView {
    public static func render(_ s: AppState, into grid: inout CellGrid, rect: Rect) {
        TabBarLabel.tabs(selected: s.screen == .dashboard ? s.focus : nil).render(into: &grid, in: rect)
    }
}
