/// Where the dashboard opens: the panes, one customer's screen (`billtop open` found one), or the customers
/// search with a text (`billtop open` found several).
public enum StartPoint: Sendable, Equatable {
    case dashboard
    case customer(CustomerKey)
    case search(String)
}
