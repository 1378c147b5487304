import TUIKit

/// The tab bar of small terminals: "1 Customers  2 Invoices  3 Dunning  4 MRR", the focused one highlighted.
public enum TabBarView {
    public static func render(_ s: AppState, into grid: inout CellGrid, rect: Rect) {
        var x = rect.x + 1
        for pane in Pane.allCases {
            let focused = pane == s.focus && s.screen == .dashboard
            let style = focused ? CellStyle(.selection, bold: true, reverse: true) : CellStyle(.muted)
            x = grid.put(" " + TabBarLabel.text(pane) + " ", x: x, y: rect.y, style: style, maxX: rect.maxX) + 1
        }
    }
}
