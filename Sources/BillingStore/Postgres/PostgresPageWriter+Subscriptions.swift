import BillingCore
import PostgresNIO

/// A page's subscriptions: the row rewritten only when the digest of its raw JSON, components and coupons
/// (`StoreWriter.childrenText`, the same digest as SQLite's) or its flags changed, and then its components and
/// coupons replaced. SQLite's writer also keeps a replaced version that charged differently
/// (`subscription_observation`, for the MRR history); the aggregates are SQLite's alone so far, so this does not.
extension PostgresPageWriter {
    static let subscriptions = PostgresRowSet(
        "subscription",
        "remote_id text, customer_remote_id text, state text, previous_state text, product_id text, product_name text, product_family text, currency text, product_price_minor bigint, balance_minor bigint, interval_count bigint, interval_unit text, collection_method text, card_type text, card_masked text, card_exp_month bigint, card_exp_year bigint, current_period_started_at bigint, current_period_ends_at bigint, next_assessment_at bigint, trial_ended_at bigint, activated_at bigint, canceled_at bigint, cancel_at_end_of_period boolean, scheduled_cancellation_at bigint, on_hold_at bigint, created_at bigint, updated_at bigint, flags text, raw text, content_digest bigint, expires_at bigint"
    )
    static let components = PostgresRowSet(
        "subscription_component",
        "subscription_id bigint, position integer, component_id text, name text, kind text, quantity text, currency text, unit_price_minor bigint, enabled boolean"
    )
    static let coupons = PostgresRowSet(
        "subscription_coupon",
        "subscription_id bigint, position integer, code text, percentage text, currency text, amount_minor bigint, recurring boolean, duration_periods bigint, applied_at bigint, ends_at bigint"
    )

    mutating func writeSubscriptions() async throws {
        let items = Self.lastOfEach(page.subscriptions, id: \.id)
        var batch = PostgresBatch()
        for item in items {
            let s = item.value
            let card = s.creditCard
            let digest = RawDigest.of(item.raw + "\u{0}" + StoreWriter.childrenText(s))
            func time(_ t: Timestamp?) -> PostgresBatch.Cell { .int(t?.secondsSinceEpoch) }
            batch.append([
                "remote_id": .text(s.id), "customer_remote_id": .text(s.customerID), "state": .text(s.state.apiValue),
                "previous_state": .text(s.previousState?.apiValue), "product_id": .text(s.productID),
                "product_name": .text(s.productName), "product_family": .text(s.productFamily),
                "currency": .text(s.currency.code), "product_price_minor": .int(s.productPrice.minorUnits),
                "balance_minor": .int(s.balance.minorUnits), "interval_count": .int(Int64(s.interval.count)),
                "interval_unit": .text(s.interval.unit.rawValue), "collection_method": .text(s.paymentCollectionMethod),
                "card_type": .text(card?.cardType), "card_masked": .text(card?.maskedNumber),
                "card_exp_month": .int(card.map { Int64($0.expirationMonth) }),
                "card_exp_year": .int(card.map { Int64($0.expirationYear) }),
                "current_period_started_at": time(s.currentPeriodStartedAt),
                "current_period_ends_at": time(s.currentPeriodEndsAt), "next_assessment_at": time(s.nextAssessmentAt),
                "trial_ended_at": time(s.trialEndedAt), "activated_at": time(s.activatedAt),
                "canceled_at": time(s.canceledAt), "cancel_at_end_of_period": .bool(s.cancelAtEndOfPeriod),
                "scheduled_cancellation_at": time(s.scheduledCancellationAt), "on_hold_at": time(s.onHoldAt),
                "created_at": time(s.createdAt), "updated_at": time(s.updatedAt),
                "flags": .text(item.flags.joined(separator: "\n")), "raw": .text(item.raw),
                "content_digest": .int(digest), "expires_at": time(s.expiresAt),
            ])
        }
        let written = try await upsert(
            items, batch, into: Self.subscriptions, table: .subscription,
            changedWhen: """
                subscription.content_digest IS DISTINCT FROM excluded.content_digest
                    OR subscription.flags IS DISTINCT FROM excluded.flags
                """, children: ["subscription_component", "subscription_coupon"], key: "subscription_id", id: \.id)
        guard !written.isEmpty else { return }
        var components = PostgresBatch()
        var coupons = PostgresBatch()
        for item in items {
            guard let id = written[item.value.id] else { continue }
            for (position, c) in item.value.components.enumerated() {
                components.append([
                    "subscription_id": .int(id), "position": .int(Int64(position)),
                    "component_id": .text(c.componentID),
                    "name": .text(c.name), "kind": .text(c.kind.rawValue), "quantity": .text(c.quantity.description),
                    "currency": .text(c.unitPrice.currency.code), "unit_price_minor": .int(c.unitPrice.minorUnits),
                    "enabled": .bool(c.enabled),
                ])
            }
            for (position, c) in item.value.coupons.enumerated() {
                var (percentage, currency, amount): (String?, String?, Int64?) = (nil, nil, nil)
                switch c.discount {
                case .percentage(let p): percentage = p.description
                case .amount(let m): (currency, amount) = (m.currency.code, m.minorUnits)
                }
                coupons.append([
                    "subscription_id": .int(id), "position": .int(Int64(position)), "code": .text(c.code),
                    "percentage": .text(percentage), "currency": .text(currency), "amount_minor": .int(amount),
                    "recurring": .bool(c.recurring), "duration_periods": .int(c.durationPeriods.map(Int64.init)),
                    "applied_at": .int(c.appliedAt?.secondsSinceEpoch), "ends_at": .int(c.endsAt?.secondsSinceEpoch),
                ])
            }
        }
        try await Self.components.insert(components, on: connection)
        try await Self.coupons.insert(coupons, on: connection)
    }
}
