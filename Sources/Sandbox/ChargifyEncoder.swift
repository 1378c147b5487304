import BillingCore

/// Writes sandbox records in Chargify's JSON shapes: integer ids, `*_in_cents` integers, decimal-string
/// invoice amounts, ISO 8601 times with the site's offset and `YYYY-MM-DD` invoice dates.
///
/// Every value goes through `JSONWriter`'s byte writers; blocks that several records embed (a customer's
/// identity, a product family, created/updated times) are written by one helper each.
struct ChargifyEncoder {
    let company: Company
    var offset: Int { company.siteUTCOffsetSeconds }

    func customer(_ c: SandboxCustomer, into w: inout JSONWriter) {
        w.object { w in
            customerIdentity(c, into: &w)
            w.field("cc_emails", nonEmpty: c.ccEmails)
            w.field("organization", nonEmpty: c.organization)
            w.field("reference", nonEmpty: c.reference)
            w.field("phone", c.phone)
            w.field("address", c.address)
            w.field("address_2", c.address2)
            w.field("city", c.city)
            w.field("state", c.state)
            w.null("state_name")
            w.field("zip", c.zip)
            w.field("country", c.country)
            w.field("locale", c.locale)
            w.field("vat_number", nonEmpty: c.vatNumber)
            w.field("tax_exempt", c.taxExempt)
            w.field("verified", false)
            w.null("portal_invite_last_sent_at")
            w.field("parent_id", c.parentID)
            stamps(c.createdAt, c.updatedAt, into: &w)
        }
    }

    /// `id`, `first_name`, `last_name`, `email`: how every customer object (full or nested) starts.
    func customerIdentity(_ c: SandboxCustomer, into w: inout JSONWriter) {
        w.field("id", c.id)
        w.field("first_name", c.firstName)
        w.field("last_name", c.lastName)
        w.field("email", c.email)
    }

    /// `created_at` and `updated_at` in the site's offset.
    func stamps(_ created: Int64, _ updated: Int64, into w: inout JSONWriter) {
        w.time("created_at", created, offset: offset)
        w.time("updated_at", updated, offset: offset)
    }

    func family(_ f: SandboxProductFamily, into w: inout JSONWriter) {
        w.object { w in
            familyFields(f, accountingCode: true, into: &w)
            stamps(f.createdAt, f.createdAt, into: &w)
        }
    }

    /// A family's identity as a family listing and nested product families write it (the subscription's
    /// nested product omits `accounting_code`).
    func familyFields(_ f: SandboxProductFamily, accountingCode: Bool, into w: inout JSONWriter) {
        w.field("id", f.id)
        w.field("name", f.name)
        w.field("handle", f.handle)
        if accountingCode { w.null("accounting_code") }
        w.field("description", f.description)
    }

    func product(_ p: SandboxProduct, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", p.id)
            w.field("name", p.name)
            w.field("handle", p.handle)
            w.field("description", p.description)
            w.null("accounting_code")
            w.field("price_in_cents", p.priceInCents)
            w.field("interval", p.interval)
            w.field("interval_unit", p.intervalUnit.rawValue)
            w.null("initial_charge_in_cents")
            w.field("trial_price_in_cents", p.trialDays == nil ? nil : 0 as Int?)
            w.field("trial_interval", p.trialDays)
            w.field("trial_interval_unit", p.trialDays == nil ? nil : "day")
            w.null("expiration_interval")
            w.field("expiration_interval_unit", "never")
            w.field("default_product_price_point_id", p.pricePointID)
            w.field("product_price_point_id", p.pricePointID)
            w.field("product_price_point_handle", "original")
            w.field("currency", p.currency.code)
            w.null("archived_at")
            stamps(p.createdAt, p.createdAt, into: &w)
            productFamily(of: p, accountingCode: true, into: &w)
        }
    }

    /// The nested `product_family` object of a product, when its family exists.
    func productFamily(of p: SandboxProduct, accountingCode: Bool, into w: inout JSONWriter) {
        guard let f = company.family(id: p.familyID) else { return }
        w.object("product_family") { w in familyFields(f, accountingCode: accountingCode, into: &w) }
    }

    func component(_ c: SandboxComponent, into w: inout JSONWriter) {
        let point = company.pricePoint(id: c.defaultPricePointID)
        w.object { w in
            w.field("id", c.id)
            w.field("name", c.name)
            w.field("handle", c.handle)
            w.field("kind", c.kind)
            w.field("unit_name", c.unitName)
            w.field("pricing_scheme", point?.pricingScheme ?? "per_unit")
            if let point { w.money("unit_price", point.unitPriceInCents, c.currency) } else { w.null("unit_price") }
            w.field("price_per_unit_in_cents", point?.unitPriceInCents)
            w.field("product_family_id", c.familyID)
            w.field("product_family_name", company.family(id: c.familyID)?.name)
            w.field("default_price_point_id", c.defaultPricePointID)
            w.field("default_price_point_name", point?.name)
            w.field("recurring", c.isRecurring)
            w.field("archived", false)
            w.field("currency", c.currency.code)
            stamps(c.createdAt, c.createdAt, into: &w)
        }
    }

    func pricePoint(_ p: SandboxPricePoint, into w: inout JSONWriter) {
        let currency = company.component(id: p.componentID)?.currency ?? .usd
        w.object { w in
            w.field("id", p.id)
            w.field("name", p.name)
            w.field("handle", p.handle)
            w.field("type", p.isDefault ? "default" : "custom")
            w.field("default", p.isDefault)
            w.field("pricing_scheme", p.pricingScheme)
            w.field("component_id", p.componentID)
            w.null("archived_at")
            stamps(p.createdAt, p.createdAt, into: &w)
            w.field("currency", currency.code)
            w.array("prices") { w in
                w.object { w in
                    w.field("id", p.priceID)
                    w.field("component_id", p.componentID)
                    w.field("starting_quantity", 1)
                    w.null("ending_quantity")
                    w.money("unit_price", p.unitPriceInCents, currency)
                    w.field("price_point_id", p.id)
                    w.money("formatted_unit_price", p.unitPriceInCents, currency)
                }
            }
        }
    }

    func coupon(_ c: SandboxCoupon, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", c.id)
            w.field("name", c.name)
            w.field("code", c.code)
            w.field("description", c.description)
            if let amount = c.amountInCents { w.money("amount", amount, .usd) } else { w.null("amount") }
            w.field("amount_in_cents", c.amountInCents)
            w.field("product_family_id", c.familyID)
            w.field("product_family_name", company.family(id: c.familyID)?.name)
            w.time("start_date", c.createdAt, offset: offset)
            w.date("end_date", c.endDay)
            w.field("percentage", c.percentage)
            w.field("recurring", c.recurring)
            w.field(
                "recurring_scheme",
                c.recurring
                    ? (c.durationPeriodCount == nil ? "apply_indefinitely" : "apply_for_specified_number_of_periods")
                    : "do_not_recur")
            w.field("duration_period_count", c.durationPeriodCount)
            w.null("duration_interval")
            w.null("duration_interval_unit")
            w.field("allow_negative_balance", false)
            w.null("archived_at")
            w.field("stackable", false)
            w.field("compounding_strategy", "compound")
            w.field("discount_type", c.percentage == nil ? "amount" : "percent")
            stamps(c.createdAt, c.createdAt, into: &w)
        }
    }

    func event(_ e: SandboxEvent, into w: inout JSONWriter) {
        w.wrapped("event") { w in
            w.object { w in
                w.field("id", e.id)
                w.field("key", e.key)
                w.field("message", e.message)
                w.field("subscription_id", e.subscriptionID)
                w.field("customer_id", e.customerID)
                w.time("created_at", e.createdAt, offset: offset)
                w.raw("event_specific_data", e.specificDataJSON)
            }
        }
    }
}
