import BillingCore
import BillingStore

extension ActionRunner {
    /// How a person names the object acted on: an invoice by its number ("invoice 5665"), as the menu, the dialogs
    /// and the invoice list do; its API id ("inv_mr9jrs5xkj0") is what the journal keeps and what the line said
    /// before, which no screen shows. Nil (the id is said) for subscriptions and customers, whose ids are what the
    /// screens show, or when the store does not hold the invoice.
    func label(of entry: ActionJournalEntry) async -> String? {
        guard entry.objectKind == ActionKind.Target.invoice.rawValue, let customerID = entry.customerID,
            let detail = try? await store.customer(RecordKey(sourceID: source.id, remoteID: customerID)),
            let invoice = detail.invoices.first(where: { $0.value.id == entry.objectID })?.value,
            !invoice.number.isEmpty, invoice.number != entry.objectID
        else { return nil }
        return TextSanitizer.clean(invoice.number)
    }
}
