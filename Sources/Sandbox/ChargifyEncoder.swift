import BillingCore

/// Writes sandbox records in Chargify's JSON shapes: integer ids, `*_in_cents` integers, decimal-string
/// invoice amounts, ISO 8601 times with the site's offset and `YYYY-MM-DD` invoice dates.
struct ChargifyEncoder {
    let company: Company
    var offset: Int { company.siteUTCOffsetSeconds }

    func time(_ seconds: Int64) -> String { Timestamp(secondsSinceEpoch: seconds).iso8601(offsetSeconds: offset) }
    func time(_ seconds: Int64?) -> String? { seconds.map { time($0) } }
    static func money(_ minor: Int64, _ currency: Currency) -> String { Money(minorUnits: minor, currency: currency).decimalString }

    func customer(_ c: SandboxCustomer, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", c.id)
            w.field("first_name", c.firstName)
            w.field("last_name", c.lastName)
            w.field("email", c.email)
            w.field("cc_emails", c.ccEmails.isEmpty ? nil : c.ccEmails)
            w.field("organization", c.organization.isEmpty ? nil : c.organization)
            w.field("reference", c.reference.isEmpty ? nil : c.reference)
            w.field("phone", c.phone)
            w.field("address", c.address)
            w.field("address_2", c.address2)
            w.field("city", c.city)
            w.field("state", c.state)
            w.field("state_name", nil as String?)
            w.field("zip", c.zip)
            w.field("country", c.country)
            w.field("locale", c.locale)
            w.field("vat_number", c.vatNumber.isEmpty ? nil : c.vatNumber)
            w.field("tax_exempt", c.taxExempt)
            w.field("verified", false)
            w.field("portal_invite_last_sent_at", nil as String?)
            w.field("parent_id", c.parentID)
            w.field("created_at", time(c.createdAt))
            w.field("updated_at", time(c.updatedAt))
        }
    }

    func family(_ f: SandboxProductFamily, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", f.id)
            w.field("name", f.name)
            w.field("handle", f.handle)
            w.field("accounting_code", nil as String?)
            w.field("description", f.description)
            w.field("created_at", time(f.createdAt))
            w.field("updated_at", time(f.createdAt))
        }
    }

    func product(_ p: SandboxProduct, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", p.id)
            w.field("name", p.name)
            w.field("handle", p.handle)
            w.field("description", p.description)
            w.field("accounting_code", nil as String?)
            w.field("price_in_cents", p.priceInCents)
            w.field("interval", p.interval)
            w.field("interval_unit", p.intervalUnit.rawValue)
            w.field("initial_charge_in_cents", nil as Int?)
            w.field("trial_price_in_cents", p.trialDays == nil ? nil : 0 as Int?)
            w.field("trial_interval", p.trialDays)
            w.field("trial_interval_unit", p.trialDays == nil ? nil : "day")
            w.field("expiration_interval", nil as Int?)
            w.field("expiration_interval_unit", "never")
            w.field("default_product_price_point_id", p.pricePointID)
            w.field("product_price_point_id", p.pricePointID)
            w.field("product_price_point_handle", "original")
            w.field("currency", p.currency.code)
            w.field("archived_at", nil as String?)
            w.field("created_at", time(p.createdAt))
            w.field("updated_at", time(p.createdAt))
            if let f = company.family(id: p.familyID) {
                w.object("product_family") { w in
                    w.field("id", f.id)
                    w.field("name", f.name)
                    w.field("handle", f.handle)
                    w.field("accounting_code", nil as String?)
                    w.field("description", f.description)
                }
            }
        }
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
            w.field("unit_price", point.map { Self.money($0.unitPriceInCents, c.currency) })
            w.field("price_per_unit_in_cents", point?.unitPriceInCents)
            w.field("product_family_id", c.familyID)
            w.field("product_family_name", company.family(id: c.familyID)?.name)
            w.field("default_price_point_id", c.defaultPricePointID)
            w.field("default_price_point_name", point?.name)
            w.field("recurring", c.kind == "quantity_based_component" || c.kind == "on_off_component")
            w.field("archived", false)
            w.field("currency", c.currency.code)
            w.field("created_at", time(c.createdAt))
            w.field("updated_at", time(c.createdAt))
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
            w.field("archived_at", nil as String?)
            w.field("created_at", time(p.createdAt))
            w.field("updated_at", time(p.createdAt))
            w.field("currency", currency.code)
            w.array("prices") { w in
                w.object { w in
                    w.field("id", p.priceID)
                    w.field("component_id", p.componentID)
                    w.field("starting_quantity", 1)
                    w.field("ending_quantity", nil as Int?)
                    w.field("unit_price", Self.money(p.unitPriceInCents, currency))
                    w.field("price_point_id", p.id)
                    w.field("formatted_unit_price", Money(minorUnits: p.unitPriceInCents, currency: currency).decimalString)
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
            w.field("amount", c.amountInCents.map { Self.money($0, .usd) })
            w.field("amount_in_cents", c.amountInCents)
            w.field("product_family_id", c.familyID)
            w.field("product_family_name", company.family(id: c.familyID)?.name)
            w.field("start_date", time(c.createdAt))
            w.field("end_date", c.endDay.map { SandboxClock.dateString($0) })
            w.field("percentage", c.percentage)
            w.field("recurring", c.recurring)
            w.field("recurring_scheme", c.recurring ? (c.durationPeriodCount == nil ? "apply_indefinitely" : "apply_for_specified_number_of_periods") : "do_not_recur")
            w.field("duration_period_count", c.durationPeriodCount)
            w.field("duration_interval", nil as Int?)
            w.field("duration_interval_unit", nil as String?)
            w.field("allow_negative_balance", false)
            w.field("archived_at", nil as String?)
            w.field("stackable", false)
            w.field("compounding_strategy", "compound")
            w.field("discount_type", c.percentage == nil ? "amount" : "percent")
            w.field("created_at", time(c.createdAt))
            w.field("updated_at", time(c.createdAt))
        }
    }

    func event(_ e: SandboxEvent, into w: inout JSONWriter) {
        w.object { w in
            w.object("event") { w in
                w.field("id", e.id)
                w.field("key", e.key)
                w.field("message", e.message)
                w.field("subscription_id", e.subscriptionID)
                w.field("customer_id", e.customerID)
                w.field("created_at", time(e.createdAt))
                w.raw("event_specific_data", e.specificDataJSON)
            }
        }
    }
}
