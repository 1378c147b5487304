import BillingCore

extension ChargifyEncoder {
    func subscription(_ s: SandboxSubscription, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", s.id)
            w.field("state", s.state)
            w.field("previous_state", s.previousState)
            w.field("balance_in_cents", s.balanceInCents)
            w.field("total_revenue_in_cents", s.totalRevenueInCents)
            w.field("product_price_in_cents", s.productPriceInCents)
            w.field("product_version_number", 1)
            w.time("current_period_started_at", s.currentPeriodStartedAt, offset: offset)
            w.time("current_period_ends_at", s.currentPeriodEndsAt, offset: offset)
            w.time("next_assessment_at", s.nextAssessmentAt, offset: offset)
            w.time("trial_started_at", s.trialStartedAt, offset: offset)
            w.time("trial_ended_at", s.trialEndedAt, offset: offset)
            w.time("activated_at", s.activatedAt, offset: offset)
            w.time("expires_at", s.expiresAt, offset: offset)
            w.time("canceled_at", s.canceledAt, offset: offset)
            w.field("cancellation_message", s.cancellationMessage)
            w.field("cancellation_method", s.cancellationMethod)
            w.field("cancel_at_end_of_period", s.cancelAtEndOfPeriod)
            w.time("delayed_cancel_at", s.delayedCancelAt, offset: offset)
            w.time("scheduled_cancellation_at", s.scheduledCancellationAt, offset: offset)
            w.time("on_hold_at", s.onHoldAt, offset: offset)
            w.field("coupon_code", s.couponCodes.first)
            w.array("coupon_codes") { w in for code in s.couponCodes { w.element(code) } }
            w.field("currency", s.currency.code)
            w.field("payment_collection_method", s.paymentCollectionMethod)
            w.null("signup_payment_id")
            w.field("signup_revenue", "0.00")
            w.null("snap_day")
            w.field("net_terms", s.paymentCollectionMethod == "remittance" ? 30 : nil as Int?)
            w.field("dunning_communication_delay_enabled", false)
            stamps(s.createdAt, s.updatedAt, into: &w)
            if let c = company.customer(id: s.customerID) {
                w.object("customer") { w in
                    customerIdentity(c, into: &w)
                    w.field("organization", nonEmpty: c.organization)
                    w.field("reference", nonEmpty: c.reference)
                    stamps(c.createdAt, c.updatedAt, into: &w)
                }
            }
            if let p = company.product(id: s.productID) {
                w.object("product") { w in
                    w.field("id", p.id)
                    w.field("name", p.name)
                    w.field("handle", p.handle)
                    w.field("price_in_cents", p.priceInCents)
                    w.field("interval", p.interval)
                    w.field("interval_unit", p.intervalUnit.rawValue)
                    w.field("currency", p.currency.code)
                    productFamily(of: p, accountingCode: false, into: &w)
                }
            }
            if let card = s.creditCard { creditCard(card, customerID: s.customerID, into: &w) }
        }
    }

    private func creditCard(_ card: SandboxCreditCard, customerID: Int, into w: inout JSONWriter) {
        w.object("credit_card") { w in
            w.field("id", card.id)
            w.field("first_name", card.firstName)
            w.field("last_name", card.lastName)
            w.field("masked_card_number", card.maskedCardNumber)
            w.field("card_type", card.cardType)
            w.field("expiration_month", card.expirationMonth)
            w.field("expiration_year", card.expirationYear)
            w.field("customer_id", customerID)
            w.field("current_vault", "bogus")
            w.field("payment_type", "credit_card")
            w.field("disabled", false)
        }
    }

    func subscriptionComponent(_ a: SandboxAllocation, of s: SandboxSubscription, into w: inout JSONWriter) {
        guard company.component(id: a.componentID) != nil else { return }
        w.wrapped("component") { w in
            w.object { w in subscriptionComponentFields(a, of: s, into: &w) }
        }
    }

    /// The fields of one subscription component, inside an object the caller opened (the per-subscription
    /// list wraps them in `{"component": ...}`, the site-wide listing does not).
    func subscriptionComponentFields(_ a: SandboxAllocation, of s: SandboxSubscription, into w: inout JSONWriter) {
        guard let c = company.component(id: a.componentID) else { return }
        let point = company.pricePoint(id: a.pricePointID)
        w.field("id", c.id)
        w.field("component_id", c.id)
        w.field("subscription_id", s.id)
        w.field("name", c.name)
        w.field("component_handle", c.handle)
        w.field("kind", c.kind)
        w.field("unit_name", c.unitName)
        w.field("enabled", a.enabled)
        w.field("allocated_quantity", c.kind == "on_off_component" ? (a.enabled ? 1 : 0) : a.allocatedQuantity)
        w.field("unit_balance", a.unitBalance)
        w.field("pricing_scheme", point?.pricingScheme ?? "per_unit")
        w.field("price_point_id", a.pricePointID)
        w.field("price_point_handle", point?.handle)
        w.field("price_point_name", point?.name)
        w.field("price_point_type", point?.isDefault == true ? "default" : "custom")
        w.field("currency", c.currency.code)
        w.field("recurring", c.isRecurring)
        w.field("product_family_id", c.familyID)
        w.null("archived_at")
        stamps(s.createdAt, s.updatedAt, into: &w)
    }

    func invoice(_ i: SandboxInvoice, lineItems: Bool, payments: Bool, into w: inout JSONWriter) {
        let cur = i.currency
        w.object { w in
            w.field("id", 9_000_000 + i.number)
            w.field("uid", i.uid)
            w.field("site_id", 1)
            w.field("customer_id", i.customerID)
            w.field("subscription_id", i.subscriptionID)
            w.quoted("number", i.number)
            w.field("sequence_number", i.number)
            w.time("transaction_time", i.createdAt, offset: offset)
            stamps(i.createdAt, i.updatedAt, into: &w)
            w.date("issue_date", i.issueDay)
            w.date("due_date", i.dueDay)
            w.date("paid_date", i.paidDay)
            w.field("status", i.status)
            w.field("role", "renewal")
            w.field("collection_method", i.collectionMethod)
            w.field("payment_instructions", "")
            w.field("net_terms", i.collectionMethod == "remittance" ? 30 : 0)
            w.field("currency", cur.code)
            w.field("consolidation_level", "none")
            w.field("product_name", i.productName)
            w.field("product_family_name", "")
            w.field("memo", i.memo)
            w.money("subtotal_amount", i.subtotal, cur)
            w.money("discount_amount", i.discount, cur)
            w.money("tax_amount", i.tax, cur)
            w.money("total_amount", i.total, cur)
            w.money("credit_amount", i.credit, cur)
            w.money("refund_amount", i.refund, cur)
            w.money("paid_amount", i.paid, cur)
            w.money("due_amount", i.due, cur)
            w.field("public_url", prefix: "https://sandbox.chargify.invalid/invoices/", i.uid)
            if let c = company.customer(id: i.customerID) {
                w.object("customer") { w in
                    w.field("chargify_id", c.id)
                    w.field("first_name", c.firstName)
                    w.field("last_name", c.lastName)
                    w.field("organization", nonEmpty: c.organization)
                    w.field("email", c.email)
                    w.field("reference", nonEmpty: c.reference)
                }
            }
            if lineItems {
                w.array("line_items") { w in for line in i.lineItems { lineItem(line, cur, into: &w) } }
            }
            if payments {
                w.array("payments") { w in for p in i.payments { payment(p, cur, into: &w) } }
            }
        }
    }

    private func lineItem(_ l: SandboxLineItem, _ cur: Currency, into w: inout JSONWriter) {
        w.object { w in
            w.field("uid", l.uid)
            w.field("title", l.title)
            w.field("description", l.description)
            w.quoted("quantity", l.quantity, suffix: ".0")
            w.money("unit_price", l.unitPrice, cur)
            w.money("subtotal_amount", l.subtotal, cur)
            w.money("discount_amount", l.discount, cur)
            w.money("tax_amount", l.tax, cur)
            w.money("total_amount", l.total, cur)
            w.field("tiered_unit_price", false)
            w.date("period_range_start", l.periodStartDay)
            w.date("period_range_end", l.periodEndDay)
            w.field("product_id", l.productID)
            w.field("product_version", l.productID == nil ? nil : 1 as Int?)
            w.field("component_id", l.componentID)
            w.field("price_point_id", l.pricePointID)
            w.field("hide", false)
            w.field("custom_item", l.kind == "initial")
            w.field("kind", l.kind)
        }
    }

    private func payment(_ p: SandboxPayment, _ cur: Currency, into w: inout JSONWriter) {
        w.object { w in
            w.time("transaction_time", p.transactionTime, offset: offset)
            w.field("memo", p.memo)
            w.money("original_amount", p.originalAmount, cur)
            w.money("applied_amount", p.appliedAmount, cur)
            w.field("transaction_id", p.transactionID)
            w.field("prepayment", false)
            w.object("payment_method") { w in
                w.field("type", p.method)
                if p.method == "external" {
                    w.field("details", p.details)
                    w.field("kind", p.kind)
                    w.field("memo", p.memo)
                } else if p.method == "credit_card" {
                    w.field("card_brand", p.cardBrand)
                    w.field("masked_card_number", p.maskedCardNumber)
                    w.null("card_expiration")
                } else {
                    w.field("details", "Bank transfer")
                    w.field("kind", "ach")
                    w.null("memo")
                }
            }
        }
    }
}
