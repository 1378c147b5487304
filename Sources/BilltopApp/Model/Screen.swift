/// What fills the body: the panes, one customer, or the log.
public enum Screen: Sendable, Equatable {
    case dashboard
    case customer(CustomerKey)
    case log
}
