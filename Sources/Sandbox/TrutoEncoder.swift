import BillingCore

/// Writes Truto's unified subscription-management customers and invoices, each with the provider's raw
/// object in `remote_data`. Money is decimal strings; times are ISO 8601 UTC.
struct TrutoEncoder {
    let chargify: ChargifyEncoder
    var company: Company { chargify.company }

    static func time(_ seconds: Int64) -> String { Timestamp(secondsSinceEpoch: seconds).iso8601 }

    func customer(_ c: SandboxCustomer, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", String(c.id))
            w.field("first_name", c.firstName)
            w.field("last_name", c.lastName)
            w.field("name", [c.firstName, c.lastName].filter { !$0.isEmpty }.joined(separator: " "))
            w.field("email", c.email)
            w.field("phone", c.phone)
            w.field("company_name", c.organization.isEmpty ? nil : c.organization)
            w.field("created_at", Self.time(c.createdAt))
            w.field("updated_at", Self.time(c.updatedAt))
            w.named("remote_data") { chargify.customer(c, into: &$0) }
        }
    }

    /// Truto maps the statuses it understands; Chargify's `open`, `voided`, `processing` pass through raw.
    static func status(_ chargifyStatus: String) -> String {
        switch chargifyStatus {
        case "canceled": "cancelled"
        default: chargifyStatus
        }
    }

    func invoice(_ i: SandboxInvoice, into w: inout JSONWriter) {
        let cur = i.currency
        let customer = company.customer(id: i.customerID)
        w.object { w in
            w.field("id", i.uid)
            w.object("customer") { w in
                w.field("id", String(i.customerID))
                w.field("name", customer.map { [$0.firstName, $0.lastName].filter { !$0.isEmpty }.joined(separator: " ") })
                w.field("email", customer?.email)
                w.field("phone", customer?.phone)
            }
            w.field("subscription_id", i.subscriptionID.map(String.init))
            w.field("is_recurring", i.subscriptionID != nil)
            w.field("status", Self.status(i.status))
            w.field("issue_date", SandboxClock.dateString(i.issueDay))
            w.field("due_date", SandboxClock.dateString(i.dueDay))
            w.field("paid_on_date", i.paidDay.map { SandboxClock.dateString($0) })
            w.field("number", String(i.number))
            w.field("currency", cur.code)
            w.field("exchange_rate", nil as String?)
            w.field("sub_total", ChargifyEncoder.money(i.subtotal, cur))
            w.field("total_discount", ChargifyEncoder.money(i.discount, cur))
            w.field("total_tax_amount", ChargifyEncoder.money(i.tax, cur))
            w.field("balance", ChargifyEncoder.money(i.due, cur))
            w.field("transaction_fee", nil as String?)
            w.array("payments") { w in
                for p in i.payments {
                    w.object { w in
                        w.field("id", String(p.transactionID))
                        w.field("method", p.method)
                        w.field("status", "succeeded")
                        w.field("amount", ChargifyEncoder.money(p.appliedAmount, cur))
                        w.field("currency", cur.code)
                        w.field("created_at", Self.time(p.transactionTime))
                    }
                }
            }
            w.array("line_items") { w in
                for l in i.lineItems {
                    w.object { w in
                        w.field("id", l.uid)
                        w.field("name", l.title)
                        w.field("description", l.description)
                        w.field("quantity", "\(l.quantity)")
                        w.field("unit_amount", ChargifyEncoder.money(l.unitPrice, cur))
                        w.field("total_amount", ChargifyEncoder.money(l.total, cur))
                        w.field("start_date", SandboxClock.dateString(l.periodStartDay))
                        w.field("end_date", SandboxClock.dateString(l.periodEndDay))
                    }
                }
            }
            w.field("memo", i.memo)
            w.field("created_at", Self.time(i.createdAt))
            w.field("updated_at", Self.time(i.updatedAt))
            w.named("remote_data") { chargify.invoice(i, lineItems: true, payments: true, into: &$0) }
        }
    }
}
