import BillingCore
import BillingStore

/// Everything that can happen to the dashboard: input, timers, data arriving, effects finishing.
public enum Action: Sendable {
    /// First frame: load every pane.
    case start
    case command(Command)
    /// A character typed while searching.
    case type(Character)
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int)
    case wheel(up: Bool, x: Int, y: Int)
    /// The clock moved (staleness in the header).
    case tick(Timestamp)
    /// The store changed under us (sync wrote pages): reload what is visible.
    case storeChanged
    case syncChanged(SyncOverview)
    /// The sync screen's source health arrived.
    case healthLoaded([SourceHealth])
    case customersLoaded(CustomerQuery, RowWindow<CustomerRow>)
    case invoicesLoaded(InvoiceQuery, InvoicePage)
    case dunningLoaded(DunningOverview)
    case mrrLoaded(MRROverview)
    case customerLoaded(CustomerKey, CustomerProfile?)
    case exported(path: String, rows: Int)
    /// The customer an action menu was asked for is loaded (nil: not in the store).
    case actionTargetLoaded(CustomerKey, ActionTarget?)
    /// The provider answered an action (or it could not be sent).
    case actionFinished(ActionReport)
    /// The billing-portal link asked for in the menu (or why there is none).
    case portalLinkLoaded(CustomerKey, ActionReport)
    /// Attempts left unanswered by an earlier run were resumed at start.
    case actionsResumed([ActionReport])
    /// An effect failed; the message goes to the status line and the log.
    case failed(String)
}
