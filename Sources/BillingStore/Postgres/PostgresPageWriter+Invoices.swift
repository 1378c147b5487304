import BillingCore
import PostgresNIO

/// A page's invoices: rewritten when the digest of their raw JSON or a column the panes show changed (SQLite's
/// rule, `StoreWriter.upsert(invoice:)`), and then their lines and payments replaced.
extension PostgresPageWriter {
    static let invoices = PostgresRowSet(
        "invoice",
        "remote_id text, number text, customer_remote_id text, subscription_remote_id text, status text, currency text, issue_date text, due_date text, paid_date text, subtotal_minor bigint, discount_minor bigint, tax_minor bigint, total_minor bigint, credit_minor bigint, paid_minor bigint, refund_minor bigint, due_minor bigint, product_name text, memo text, open_rank integer, due_sort text, issue_sort text, created_at bigint, updated_at bigint, flags text, raw text, raw_digest bigint, unreadable_amounts integer"
    )
    static let lines = PostgresRowSet(
        "invoice_line",
        "invoice_id bigint, position integer, remote_id text, title text, description text, quantity text, currency text, unit_price_minor bigint, subtotal_minor bigint, discount_minor bigint, tax_minor bigint, total_minor bigint, period_start text, period_end text, product_id text, component_id text, kind text, is_recurring boolean"
    )
    static let payments = PostgresRowSet(
        "invoice_payment",
        "invoice_id bigint, position integer, remote_id text, transaction_time bigint, memo text, currency text, original_minor bigint, applied_minor bigint, method text, method_detail text"
    )

    mutating func writeInvoices() async throws {
        let items = Self.lastOfEach(page.invoices, id: \.id)
        var batch = PostgresBatch()
        for item in items {
            let i = item.value
            let (issue, due) = (i.issueDate?.description, i.dueDate?.description)
            batch.append([
                "remote_id": .text(i.id), "number": .text(i.number), "customer_remote_id": .text(i.customerID),
                "subscription_remote_id": .text(i.subscriptionID), "status": .text(i.status.apiValue),
                "currency": .text(i.currency.code), "issue_date": .text(issue), "due_date": .text(due),
                "paid_date": .text(i.paidDate?.description), "subtotal_minor": .int(i.subtotal.minorUnits),
                "discount_minor": .int(i.discount.minorUnits), "tax_minor": .int(i.tax.minorUnits),
                "total_minor": .int(i.total.minorUnits), "credit_minor": .int(i.credit.minorUnits),
                "paid_minor": .int(i.paid.minorUnits), "refund_minor": .int(i.refund.minorUnits),
                "due_minor": .int(i.due.minorUnits), "product_name": .text(i.productName), "memo": .text(i.memo),
                "open_rank": .int(i.isOpen ? 0 : 1), "due_sort": .text(due ?? "9999-12-31"),
                "issue_sort": .text(issue ?? "0000-00-00"), "created_at": .int(i.createdAt?.secondsSinceEpoch),
                "updated_at": .int(i.updatedAt?.secondsSinceEpoch), "flags": .text(item.flags.joined(separator: "\n")),
                "raw": .text(item.raw), "raw_digest": .int(RawDigest.of(item.raw)),
                "unreadable_amounts": .int(Int64(i.unreadable.rawValue)),
            ])
        }
        let written = try await upsert(
            items, batch, into: Self.invoices, table: .invoice,
            changedWhen: """
                (invoice.raw_digest, invoice.flags, invoice.unreadable_amounts, invoice.updated_at, invoice.status,
                    invoice.number, invoice.due_minor, invoice.paid_minor, invoice.total_minor, invoice.due_date,
                    invoice.paid_date, invoice.customer_remote_id)
                IS DISTINCT FROM (excluded.raw_digest, excluded.flags, excluded.unreadable_amounts,
                    excluded.updated_at, excluded.status, excluded.number, excluded.due_minor, excluded.paid_minor,
                    excluded.total_minor, excluded.due_date, excluded.paid_date, excluded.customer_remote_id)
                """, children: ["invoice_line", "invoice_payment"], key: "invoice_id", id: \.id)
        guard !written.isEmpty else { return }
        var lines = PostgresBatch()
        var payments = PostgresBatch()
        for item in items {
            guard let id = written[item.value.id] else { continue }
            for (position, l) in item.value.lineItems.enumerated() {
                lines.append([
                    "invoice_id": .int(id), "position": .int(Int64(position)), "remote_id": .text(l.id),
                    "title": .text(l.title), "description": .text(l.description),
                    "quantity": .text(l.quantity.description), "currency": .text(l.subtotal.currency.code),
                    "unit_price_minor": .int(l.unitPrice.minorUnits), "subtotal_minor": .int(l.subtotal.minorUnits),
                    "discount_minor": .int(l.discount.minorUnits), "tax_minor": .int(l.tax.minorUnits),
                    "total_minor": .int(l.total.minorUnits), "period_start": .text(l.periodStart?.description),
                    "period_end": .text(l.periodEnd?.description), "product_id": .text(l.productID),
                    "component_id": .text(l.componentID), "kind": .text(l.kind), "is_recurring": .bool(l.isRecurring),
                ])
            }
            for (position, p) in item.value.payments.enumerated() {
                payments.append([
                    "invoice_id": .int(id), "position": .int(Int64(position)), "remote_id": .text(p.id),
                    "transaction_time": .int(p.transactionTime?.secondsSinceEpoch), "memo": .text(p.memo),
                    "currency": .text(p.appliedAmount.currency.code),
                    "original_minor": .int(p.originalAmount.minorUnits),
                    "applied_minor": .int(p.appliedAmount.minorUnits), "method": .text(p.method),
                    "method_detail": .text(p.methodDetail),
                ])
            }
        }
        try await Self.lines.insert(lines, on: connection)
        try await Self.payments.insert(payments, on: connection)
    }
}
