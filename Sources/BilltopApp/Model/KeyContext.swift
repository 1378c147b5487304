/// Where a key binding applies. The state decides which contexts are active (see `AppState.activeContexts`).
public enum KeyContext: String, Sendable, CaseIterable, Hashable {
    /// Everywhere except while typing a search or reading an overlay.
    case global
    /// The dashboard with its panes.
    case dashboard
    /// Any scrollable list (panes, the customer screen, the log).
    case list
    /// The customers pane.
    case customers
    /// The invoices pane.
    case invoices
    /// Typing a search in the customers pane.
    case search
    /// The customer screen.
    case customerScreen
    /// The log view.
    case logView
    /// The `?` help overlay.
    case overlay
    /// The action menu (the action key's choices).
    case actionMenu
    /// Typing an action's fields (an amount, a note).
    case actionForm
    /// The confirmation that says exactly what an action will do.
    case actionReview
    /// Waiting for the provider's answer.
    case actionSending
    /// An action's outcome.
    case actionResult

    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .dashboard: "Dashboard"
        case .list: "Lists"
        case .customers: "Customers pane"
        case .invoices: "Invoices pane"
        case .search: "While searching"
        case .customerScreen: "Customer screen"
        case .logView: "Sync screen (sources and log)"
        case .overlay: "Help overlay"
        case .actionMenu: "Action menu"
        case .actionForm: "Action form"
        case .actionReview: "Action confirmation"
        case .actionSending: "While an action is sent"
        case .actionResult: "Action outcome"
        }
    }
}
