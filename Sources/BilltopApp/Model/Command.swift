/// Everything a key can ask the dashboard to do; the keymap maps keys to these.
public enum Command: String, Sendable, CaseIterable, Hashable {
    case quit, help, closeOverlay, log, refresh, export
    case nextPane, previousPane, showCustomers, showInvoices, showDunning, showMRR
    case up, down, pageUp, pageDown, top, bottom
    case open, back, customerInvoices
    case search, acceptSearch, cancelSearch, deleteBackward, clearSearch, deleteWord
    case sort, reverseSort, statusFilter, dateRange, customerFilter
}
