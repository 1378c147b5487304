import BillingCore
import GRDB

/// Upserts fetched records inside a write transaction, with cached statements (the sync hot path).
struct StoreWriter {
    let db: Database
    let sourceID: Int64
    /// `PageWrite.keepsReplacedVersions`.
    var keepsReplacedVersions = true

    // A re-listed customer or invoice that is unchanged (window overlaps, resumed runs, quiet runs) is
    // left alone: no row rewrite, no search-index churn, and for invoices no child rows rewritten
    // (RETURNING yields nothing). Customers compare every column; invoices compare the digest of their
    // raw JSON (the text, in `invoice_raw`, holds the lines and payments as sent) plus the columns panes
    // show, so a caller that passes a constant raw still gets its changes stored. Subscriptions compare a
    // digest of their raw JSON with their components and coupons (which come from other requests).
    /// Returns the row's id when it was inserted or changed, nil when it was already stored as is.
    func upsert(customer item: Incoming<Customer>) throws -> Int64? {
        let c = item.value
        let sortName = NameSortKey.of(c.displayName)
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO customer (source_id, remote_id, first_name, last_name, email, organization, reference, phone,
                    city, country, sort_name, created_at, updated_at, deleted_at, flags, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                ON CONFLICT(source_id, remote_id) DO UPDATE SET first_name = excluded.first_name,
                    last_name = excluded.last_name, email = excluded.email, organization = excluded.organization,
                    reference = excluded.reference, phone = excluded.phone, city = excluded.city,
                    country = excluded.country, sort_name = excluded.sort_name, created_at = excluded.created_at,
                    updated_at = excluded.updated_at, deleted_at = NULL, flags = excluded.flags, raw = excluded.raw
                WHERE customer.deleted_at IS NOT NULL OR customer.raw IS NOT excluded.raw
                    OR customer.flags IS NOT excluded.flags OR customer.first_name IS NOT excluded.first_name
                    OR customer.last_name IS NOT excluded.last_name OR customer.email IS NOT excluded.email
                    OR customer.organization IS NOT excluded.organization OR customer.reference IS NOT excluded.reference
                    OR customer.phone IS NOT excluded.phone OR customer.city IS NOT excluded.city
                    OR customer.country IS NOT excluded.country OR customer.created_at IS NOT excluded.created_at
                    OR customer.updated_at IS NOT excluded.updated_at
                RETURNING id
                """)
        var bind = DirectBinder(statement)
        bind(sourceID); bind(c.id); bind(c.firstName); bind(c.lastName); bind(c.email); bind(c.organization)
        bind(c.reference); bind(c.phone); bind(c.city); bind(c.country); bind(sortName)
        bind(c.createdAt?.secondsSinceEpoch); bind(c.updatedAt?.secondsSinceEpoch)
        bind(item.flags.joined(separator: "\n")); bind(item.raw)
        return try Int64.fetchOne(statement)
    }

    /// Writes the subscription and replaces its components and coupons (deleting old ones only when it had any).
    /// Returns the row's id when it was inserted or changed, nil when it was stored as is (its raw JSON, components
    /// and coupons digested together in `content_digest`, migration `v5-subscription-content-digest`).
    @discardableResult
    func upsert(subscription item: Incoming<Subscription>, rows: inout FreshRows) throws -> Int64? {
        let s = item.value
        let card = s.creditCard
        // A team store's copy carries the team's digest and no JSON (`Incoming.rawDigest`); `raw` is then empty.
        let digest = item.rawDigest ?? RawDigest.of(item.raw + "\u{0}" + Self.childrenText(s))
        if keepsReplacedVersions { try keepReplacedVersion(of: s, digest: digest) }
        let row = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    INSERT INTO subscription (source_id, remote_id, customer_remote_id, state, previous_state, product_id,
                        product_name, product_family, currency, product_price_minor, balance_minor, interval_count,
                        interval_unit, collection_method, card_type, card_masked, card_exp_month, card_exp_year,
                        current_period_started_at, current_period_ends_at, next_assessment_at, trial_ended_at, activated_at,
                        canceled_at, cancel_at_end_of_period, scheduled_cancellation_at, on_hold_at, created_at, updated_at,
                        deleted_at, flags, raw, content_digest, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
                    ON CONFLICT(source_id, remote_id) DO UPDATE SET customer_remote_id = excluded.customer_remote_id,
                        state = excluded.state, previous_state = excluded.previous_state, product_id = excluded.product_id,
                        product_name = excluded.product_name, product_family = excluded.product_family,
                        currency = excluded.currency, product_price_minor = excluded.product_price_minor,
                        balance_minor = excluded.balance_minor, interval_count = excluded.interval_count,
                        interval_unit = excluded.interval_unit, collection_method = excluded.collection_method,
                        card_type = excluded.card_type, card_masked = excluded.card_masked,
                        card_exp_month = excluded.card_exp_month, card_exp_year = excluded.card_exp_year,
                        current_period_started_at = excluded.current_period_started_at,
                        current_period_ends_at = excluded.current_period_ends_at,
                        next_assessment_at = excluded.next_assessment_at, trial_ended_at = excluded.trial_ended_at,
                        activated_at = excluded.activated_at, canceled_at = excluded.canceled_at,
                        cancel_at_end_of_period = excluded.cancel_at_end_of_period,
                        scheduled_cancellation_at = excluded.scheduled_cancellation_at, on_hold_at = excluded.on_hold_at,
                        created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = NULL,
                        flags = excluded.flags, raw = excluded.raw, content_digest = excluded.content_digest,
                        expires_at = excluded.expires_at
                    WHERE subscription.deleted_at IS NOT NULL OR subscription.content_digest IS NOT excluded.content_digest
                        OR subscription.flags IS NOT excluded.flags
                    RETURNING id
                    """),
            arguments: [
                sourceID, s.id, s.customerID, s.state.apiValue, s.previousState?.apiValue, s.productID, s.productName,
                s.productFamily, s.currency.code, s.productPrice.minorUnits, s.balance.minorUnits, s.interval.count,
                s.interval.unit.rawValue, s.paymentCollectionMethod, card?.cardType, card?.maskedNumber,
                card?.expirationMonth, card?.expirationYear, s.currentPeriodStartedAt?.secondsSinceEpoch,
                s.currentPeriodEndsAt?.secondsSinceEpoch, s.nextAssessmentAt?.secondsSinceEpoch,
                s.trialEndedAt?.secondsSinceEpoch, s.activatedAt?.secondsSinceEpoch, s.canceledAt?.secondsSinceEpoch,
                s.cancelAtEndOfPeriod, s.scheduledCancellationAt?.secondsSinceEpoch, s.onHoldAt?.secondsSinceEpoch,
                s.createdAt?.secondsSinceEpoch, s.updatedAt?.secondsSinceEpoch, item.flags.joined(separator: "\n"),
                item.raw, digest, s.expiresAt?.secondsSinceEpoch,
            ])
        guard let id = row else { return nil }
        if rows.hasChildren(id) {
            try db.cachedStatement(sql: "DELETE FROM subscription_component WHERE subscription_id = ?").execute(
                arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM subscription_coupon WHERE subscription_id = ?").execute(
                arguments: [id])
        }
        for (position, c) in s.components.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO subscription_component (subscription_id, position, component_id, name, kind, quantity,
                        currency, unit_price_minor, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                id, position, c.componentID, c.name, c.kind.rawValue, c.quantity.description,
                c.unitPrice.currency.code, c.unitPrice.minorUnits, c.enabled,
            ])
        }
        for (position, c) in s.coupons.enumerated() {
            var percentage: String?
            var currency: String?
            var amount: Int64?
            switch c.discount {
            case .percentage(let p): percentage = p.description
            case .amount(let m):
                currency = m.currency.code
                amount = m.minorUnits
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO subscription_coupon (subscription_id, position, code, percentage, currency, amount_minor,
                        recurring, duration_periods, applied_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                id, position, c.code, percentage, currency, amount, c.recurring, c.durationPeriods,
                c.appliedAt?.secondsSinceEpoch, c.endsAt?.secondsSinceEpoch,
            ])
        }
        return id
    }

    /// A subscription's components and coupons as one text for its digest (they come from other requests than
    /// its raw JSON, so a change to them alone must still rewrite it).
    static func childrenText(_ s: Subscription) -> String {
        var text = ""
        for c in s.components {
            text += "c\u{1}\(c.componentID)\u{1}\(c.name)\u{1}\(c.kind.rawValue)\u{1}\(c.quantity)\u{1}"
            text += "\(c.unitPrice.minorUnits)\u{1}\(c.unitPrice.currency.code)\u{1}\(c.enabled)\u{2}"
        }
        for c in s.coupons {
            let discount =
                switch c.discount {
                case .percentage(let p): "p\(p)"
                case .amount(let m): "a\(m.minorUnits)\(m.currency.code)"
                }
            text += "k\u{1}\(c.code)\u{1}\(discount)\u{1}\(c.recurring)\u{1}\(c.durationPeriods ?? -1)\u{1}"
            text += "\(c.appliedAt?.secondsSinceEpoch ?? -1)\u{1}\(c.endsAt?.secondsSinceEpoch ?? -1)\u{2}"
        }
        return text
    }

    /// Returns the row's id when it was inserted or changed (its lines and payments rewritten), nil when unchanged.
    func upsert(invoice item: Incoming<Invoice>, rows: inout FreshRows) throws -> Int64? {
        let i = item.value
        let openRank = i.isOpen ? 0 : 1
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO invoice (source_id, remote_id, number, customer_remote_id, subscription_remote_id, status,
                    currency, issue_date, due_date, paid_date, subtotal_minor, discount_minor, tax_minor, total_minor,
                    credit_minor, paid_minor, refund_minor, due_minor, product_name, memo, open_rank, due_sort,
                    issue_sort, created_at, updated_at, deleted_at, flags, raw, raw_digest, unreadable_amounts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, '', ?, ?)
                ON CONFLICT(source_id, remote_id) DO UPDATE SET number = excluded.number,
                    customer_remote_id = excluded.customer_remote_id,
                    subscription_remote_id = excluded.subscription_remote_id, status = excluded.status,
                    currency = excluded.currency, issue_date = excluded.issue_date, due_date = excluded.due_date,
                    paid_date = excluded.paid_date, subtotal_minor = excluded.subtotal_minor,
                    discount_minor = excluded.discount_minor, tax_minor = excluded.tax_minor,
                    total_minor = excluded.total_minor, credit_minor = excluded.credit_minor,
                    paid_minor = excluded.paid_minor, refund_minor = excluded.refund_minor, due_minor = excluded.due_minor,
                    product_name = excluded.product_name, memo = excluded.memo, open_rank = excluded.open_rank,
                    due_sort = excluded.due_sort, issue_sort = excluded.issue_sort, created_at = excluded.created_at,
                    updated_at = excluded.updated_at, deleted_at = NULL, flags = excluded.flags, raw = '',
                    raw_digest = excluded.raw_digest, unreadable_amounts = excluded.unreadable_amounts
                WHERE invoice.deleted_at IS NOT NULL OR invoice.raw_digest IS NOT excluded.raw_digest
                    OR invoice.flags IS NOT excluded.flags OR invoice.unreadable_amounts IS NOT excluded.unreadable_amounts
                    OR invoice.updated_at IS NOT excluded.updated_at OR invoice.status IS NOT excluded.status
                    OR invoice.number IS NOT excluded.number OR invoice.due_minor IS NOT excluded.due_minor
                    OR invoice.paid_minor IS NOT excluded.paid_minor OR invoice.total_minor IS NOT excluded.total_minor
                    OR invoice.due_date IS NOT excluded.due_date OR invoice.paid_date IS NOT excluded.paid_date
                    OR invoice.customer_remote_id IS NOT excluded.customer_remote_id
                RETURNING id
                """)
        let issue = i.issueDate?.description, due = i.dueDate?.description
        var bind = DirectBinder(statement)
        bind(sourceID); bind(i.id); bind(i.number); bind(i.customerID); bind(i.subscriptionID); bind(i.status.apiValue)
        bind(i.currency.code); bind(issue); bind(due); bind(i.paidDate?.description); bind(i.subtotal.minorUnits)
        bind(i.discount.minorUnits); bind(i.tax.minorUnits); bind(i.total.minorUnits); bind(i.credit.minorUnits)
        bind(i.paid.minorUnits); bind(i.refund.minorUnits); bind(i.due.minorUnits); bind(i.productName); bind(i.memo)
        bind(openRank); bind(due ?? "9999-12-31"); bind(issue ?? "0000-00-00"); bind(i.createdAt?.secondsSinceEpoch)
        bind(i.updatedAt?.secondsSinceEpoch); bind(item.flags.joined(separator: "\n"))
        bind(item.rawDigest ?? RawDigest.of(item.raw)); bind(i.unreadable.rawValue)
        guard let id = try Int64.fetchOne(statement) else { return nil }
        // The raw JSON lives apart (`InvoiceColumns.moveRawApart`): appended in id order on a first listing, replaced
        // on a change. A team store's copy carries only the digest (`Incoming.rawDigest`) and stores no text.
        if item.rawDigest == nil {
            let raw = try db.cachedStatement(
                sql: """
                    INSERT INTO invoice_raw (invoice_id, raw) VALUES (?, ?) ON CONFLICT (invoice_id) DO UPDATE SET raw = excluded.raw
                    """)
            var bindRaw = DirectBinder(raw)
            bindRaw(id); bindRaw(item.raw)
            try raw.execute()
        }
        if rows.hasChildren(id) {
            try db.cachedStatement(sql: "DELETE FROM invoice_line WHERE invoice_id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM invoice_payment WHERE invoice_id = ?").execute(arguments: [id])
        }
        for (position, l) in i.lineItems.enumerated() {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO invoice_line (invoice_id, position, remote_id, title, description, quantity, currency,
                        unit_price_minor, subtotal_minor, discount_minor, tax_minor, total_minor, period_start, period_end,
                        product_id, component_id, kind, is_recurring) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var bind = DirectBinder(statement)
            bind(id); bind(position); bind(l.id); bind(l.title); bind(l.description); bind(l.quantity.description)
            bind(l.subtotal.currency.code); bind(l.unitPrice.minorUnits); bind(l.subtotal.minorUnits)
            bind(l.discount.minorUnits); bind(l.tax.minorUnits); bind(l.total.minorUnits);
            bind(l.periodStart?.description)
            bind(l.periodEnd?.description); bind(l.productID); bind(l.componentID); bind(l.kind); bind(l.isRecurring)
            try statement.execute()
        }
        for (position, p) in i.payments.enumerated() {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO invoice_payment (invoice_id, position, remote_id, transaction_time, memo, currency,
                        original_minor, applied_minor, method, method_detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var bind = DirectBinder(statement)
            bind(id); bind(position); bind(p.id); bind(p.transactionTime?.secondsSinceEpoch); bind(p.memo)
            bind(p.appliedAmount.currency.code); bind(p.originalAmount.minorUnits); bind(p.appliedAmount.minorUnits)
            bind(p.method); bind(p.methodDetail)
            try statement.execute()
        }
        return id
    }

    /// Returns whether the row was inserted or changed (an event re-listed as it was is left alone).
    @discardableResult
    func upsert(event item: Incoming<BillingEvent>) throws -> Bool {
        let e = item.value
        try db.cachedStatement(
            sql: """
                INSERT INTO event (source_id, remote_id, key, message, subscription_remote_id, customer_remote_id,
                    created_at, data, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(source_id, remote_id) DO UPDATE SET key = excluded.key, message = excluded.message,
                    subscription_remote_id = excluded.subscription_remote_id,
                    customer_remote_id = excluded.customer_remote_id, created_at = excluded.created_at,
                    data = excluded.data, raw = excluded.raw
                WHERE event.raw IS NOT excluded.raw OR event.data IS NOT excluded.data
                    OR event.message IS NOT excluded.message OR event.key IS NOT excluded.key
                    OR event.subscription_remote_id IS NOT excluded.subscription_remote_id
                    OR event.customer_remote_id IS NOT excluded.customer_remote_id
                    OR event.created_at IS NOT excluded.created_at
                """
        ).execute(arguments: [
            sourceID, e.id, e.key, e.message, e.subscriptionID, e.customerID, e.createdAt?.secondsSinceEpoch,
            e.eventSpecificData, item.raw,
        ])
        return db.changesCount > 0
    }

    /// Returns whether a live row was tombstoned.
    @discardableResult
    func tombstone(_ t: Tombstone) throws -> Bool {
        try db.execute(
            sql:
                "UPDATE \(t.table.rawValue) SET deleted_at = ? WHERE source_id = ? AND remote_id = ? AND deleted_at IS NULL",
            arguments: [t.at, sourceID, t.remoteID])
        return db.changesCount > 0
    }

    /// Counts a change to the source's records (`DataGeneration`), once per transaction that made any.
    func recordsChanged() throws {
        try db.cachedStatement(sql: "UPDATE source SET data_generation = data_generation + 1 WHERE id = ?")
            .execute(arguments: [sourceID])
    }

    func markSeen(stream: String, remoteID: String) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO sync_seen (source_id, stream, remote_id) VALUES (?, ?, ?)")
            .execute(arguments: [sourceID, stream, remoteID])
    }

    func save(stream: String, state s: StreamState) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO sync_state (source_id, stream, phase, run_started_at, window_start, window_end,
                    cursor, page, full_listing, high_water, last_completed_at, last_full_at, records_this_run,
                    last_error, updated_at, seen_floor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            sourceID, stream, s.phase.rawValue, s.runStartedAt, s.windowStart, s.windowEnd, s.cursor, s.page,
            s.fullListing, s.highWater, s.lastCompletedAt, s.lastFullAt, s.recordsThisRun, s.lastError,
            s.updatedAt, s.seenFloor,
        ])
    }

    func log(_ e: SyncLogEntry) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO sync_log (source_id, stream, at, kind, status, duration_ms, records, message, record_issue)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            e.sourceID, e.stream, e.at, e.kind.rawValue, e.status, e.durationMs, e.records, e.message,
            e.recordIssue?.rawValue,
        ])
    }
}
