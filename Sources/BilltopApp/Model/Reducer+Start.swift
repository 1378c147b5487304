import BillingCore

extension Reducer {
    /// The first frame opens where `billtop open` asked: a customer's screen with Esc leading to the panes, or
    /// the customers pane searching for a text that matched several customers.
    static func applyStartPoint(_ s: inout AppState) {
        switch s.startPoint {
        case .dashboard: break
        case .customer(let key):
            s.returnStack = [ReturnPoint(screen: .dashboard, focus: .customers)]
            s.screen = .customer(key)
            s.detail = nil
            s.detailMissing = false
            s.detailScroll = 0
        case .search(let text):
            s.screen = .dashboard
            s.focus = .customers
            s.customerQuery.text = text
            s.customers.reset()
        }
        s.startPoint = .dashboard
    }
}
