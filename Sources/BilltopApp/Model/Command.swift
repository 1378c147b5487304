/// Everything a key can ask the dashboard to do; the keymap maps keys to these.
public enum Command: String, Sendable, CaseIterable, Hashable {
    case quit, help, closeOverlay, log, refresh, export
    case nextPane, previousPane, showCustomers, showInvoices, showDunning, showMRR
    case up, down, pageUp, pageDown, top, bottom
    case open, back, customerInvoices
    case search, acceptSearch, cancelSearch, deleteBackward, clearSearch, deleteWord
    case sort, reverseSort, statusFilter, dateRange, customerFilter
    /// The action key and its menu (issue 17): one command per action, then the form's and confirmation's keys.
    case act
    case actResend, actPay, actCardUpdate, actNote, actRetry, actCancelDunning, actPause, actResume
    case actCancelAtPeriodEnd, actUndoCancel, actReactivate, actCoupon, actPortalLink, newCustomer
    /// The CRM entries of the same menu (issue 19): a note, a task, completing a task on the linked contact.
    case actCRMNote, actCRMTask, actCRMCompleteTask, actCRMLink
    case nextSubscription, closeAction, nextField, deleteCharacter, clearField, reviewAction, confirmAction, editAction
}
