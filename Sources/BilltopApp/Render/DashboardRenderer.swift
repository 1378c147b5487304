import TUIKit

/// Draws the whole screen for a state into a fresh grid. Pure: same state, same cells.
public enum DashboardRenderer {
    public static func render(_ s: AppState) -> CellGrid {
        var grid = CellGrid(width: s.width, height: s.height)
        let layout = s.layout
        guard layout.mode != .tooSmall else {
            let message =
                "terminal too small (\(s.width)x\(s.height)), need \(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight)"
            // Wrapped, not cut: on a 20x5 terminal the sizes are the useful part.
            let lines = TextLayout.wrap(message, width: s.width)
            let top = max(0, (s.height - lines.count + 1) / 2)
            for (i, line) in lines.prefix(s.height).enumerated() {
                grid.centered(line, in: grid.bounds, y: top + i, style: CellStyle(.warn, bold: true))
            }
            return grid
        }
        HeaderView.render(s, into: &grid, rect: layout.header)
        if let tabs = layout.tabs { TabBarView.render(s, into: &grid, rect: tabs) }
        switch s.screen {
        case .customer:
            CustomerScreenView.render(s, into: &grid, body: layout.body)
        case .log:
            LogView.render(s, into: &grid, body: layout.body)
        case .dashboard:
            for pane in Pane.allCases {
                guard let box = layout.paneRect(pane, focus: s.focus) else { continue }
                let focused = pane == s.focus
                switch pane {
                case .customers: CustomersPaneView.render(s, into: &grid, box: box, focused: focused)
                case .invoices: InvoicesPaneView.render(s, into: &grid, box: box, focused: focused)
                case .dunning: DunningPaneView.render(s, into: &grid, box: box, focused: focused)
                case .mrr: MRRPaneView.render(s, into: &grid, box: box, focused: focused)
                }
            }
        }
        if let status = layout.status { StatusLineView.render(s, into: &grid, rect: status) }
        FooterView.render(s, into: &grid, rect: layout.footer)
        ActionMenuView.render(s, into: &grid, screen: grid.bounds)
        ActionFormView.render(s, into: &grid, screen: grid.bounds)
        if s.showingHelp { HelpOverlayView.render(s, into: &grid, screen: grid.bounds) }
        return grid
    }
}
