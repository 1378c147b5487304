import BillingCore

/// Writes Truto's unified subscription-management customers and invoices, each with the provider's raw
/// object in `remote_data`. Money is decimal strings; times are ISO 8601 UTC.
struct TrutoEncoder {
    let chargify: ChargifyEncoder
    var company: Company { chargify.company }

    func customer(_ c: SandboxCustomer, into w: inout JSONWriter) {
        w.object { w in
            w.quoted("id", c.id)
            w.field("first_name", c.firstName)
            w.field("last_name", c.lastName)
            w.fullName("name", c.firstName, c.lastName)
            w.field("email", c.email)
            w.field("phone", c.phone)
            w.field("company_name", nonEmpty: c.organization)
            Self.stamps(c.createdAt, c.updatedAt, into: &w)
            w.named("remote_data") { chargify.customer(c, into: &$0) }
        }
    }

    /// `created_at` and `updated_at` in UTC, as Truto normalises every provider's times.
    static func stamps(_ created: Int64, _ updated: Int64, into w: inout JSONWriter) {
        w.time("created_at", created, offset: 0)
        w.time("updated_at", updated, offset: 0)
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
                w.quoted("id", i.customerID)
                if let customer {
                    w.fullName("name", customer.firstName, customer.lastName)
                    w.field("email", customer.email)
                    w.field("phone", customer.phone)
                } else {
                    w.null("name")
                    w.null("email")
                    w.null("phone")
                }
            }
            w.quoted("subscription_id", i.subscriptionID)
            w.field("is_recurring", i.subscriptionID != nil)
            w.field("status", Self.status(i.status))
            w.date("issue_date", i.issueDay)
            w.date("due_date", i.dueDay)
            w.date("paid_on_date", i.paidDay)
            w.quoted("number", i.number)
            w.field("currency", cur.code)
            w.null("exchange_rate")
            w.money("sub_total", i.subtotal, cur)
            w.money("total_discount", i.discount, cur)
            w.money("total_tax_amount", i.tax, cur)
            w.money("balance", i.due, cur)
            w.null("transaction_fee")
            w.array("payments") { w in
                for p in i.payments {
                    w.object { w in
                        w.quoted("id", p.transactionID)
                        w.field("method", p.method)
                        w.field("status", "succeeded")
                        w.money("amount", p.appliedAmount, cur)
                        w.field("currency", cur.code)
                        w.time("created_at", p.transactionTime, offset: 0)
                    }
                }
            }
            w.array("line_items") { w in
                for l in i.lineItems {
                    w.object { w in
                        w.field("id", l.uid)
                        w.field("name", l.title)
                        w.field("description", l.description)
                        w.quoted("quantity", l.quantity)
                        w.money("unit_amount", l.unitPrice, cur)
                        w.money("total_amount", l.total, cur)
                        w.date("start_date", l.periodStartDay)
                        w.date("end_date", l.periodEndDay)
                    }
                }
            }
            w.field("memo", i.memo)
            Self.stamps(i.createdAt, i.updatedAt, into: &w)
            w.named("remote_data") { chargify.invoice(i, lineItems: true, payments: true, into: &$0) }
        }
    }
}
