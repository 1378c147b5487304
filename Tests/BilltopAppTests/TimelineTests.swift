import BillingCore
import BillingStore
import BilltopApp
import TUIKit
import Testing

/// The customer screen's timeline: events read for a person, from the store, newest first, sanitised.
struct TimelineTests {
    @Test func eventsReadAsLinesWithTheirAmounts() {
        let failure = TimelineEntry.event(
            BillingEvent(
                id: 1, key: "payment_failure", message: "Payment failed",
                eventSpecificData: "{\"amount_in_cents\":4900,\"failure_message\":\"Insufficient funds\"}"),
            currency: .usd)
        #expect(failure.kind == .paymentFailure && failure.text == "payment failed: Insufficient funds")
        #expect(failure.amount == Money(minorUnits: 4_900, currency: .usd))
        let step = TimelineEntry.event(
            BillingEvent(
                id: 2, key: "dunning_step_reached", message: "Dunning step 2 reached",
                eventSpecificData: "{\"current_step\":{\"step\":2,\"action\":\"email\"}}"),
            currency: .usd)
        #expect(step.kind == .dunning && step.text == "dunning step 2: email" && step.amount == nil)
        let state = TimelineEntry.event(
            BillingEvent(
                id: 3, key: "subscription_state_change",
                eventSpecificData:
                    "{\"previous_subscription_state\":\"active\",\"new_subscription_state\":\"past_due\"}"),
            currency: nil)
        #expect(state.kind == .stateChange && state.text == "state active → past_due")
        // No currency known: the amount is left out rather than guessed.
        let paid = TimelineEntry.event(
            BillingEvent(id: 4, key: "payment_success", eventSpecificData: "{\"amount_in_cents\":100}"), currency: nil)
        #expect(paid.kind == .payment && paid.text == "payment received" && paid.amount == nil)
    }

    @Test func hostileEventDataIsInert() {
        let entry = TimelineEntry.event(
            BillingEvent(
                id: 1, key: "payment_failure", message: "x",
                eventSpecificData: "{\"amount_in_cents\":1.5e300,\"failure_message\":\"a\\u001b[2J\\nb\"}"),
            currency: .usd)
        #expect(entry.amount == nil)
        // A fraction of a minor unit is no amount billtop can show exactly: none rather than a rounded one.
        let fraction = TimelineEntry.event(
            BillingEvent(id: 3, key: "payment_success", eventSpecificData: "{\"amount_in_cents\":12.5}"), currency: .usd
        )
        #expect(fraction.amount == nil)
        #expect(!entry.text.contains("\u{1B}") && !entry.text.contains("\n"))
        let broken = TimelineEntry.event(
            BillingEvent(id: 2, key: "weird\u{1B}_key", message: "m\u{202E}", eventSpecificData: "[1,2"), currency: .usd
        )
        #expect(broken.kind == .other && !broken.text.contains("\u{1B}") && !broken.text.contains("\u{202E}"))
    }

    @Test func theCustomersProfileCarriesItsEventsNewestFirst() throws {
        let f = try OpenStore()
        defer { f.remove() }
        let data = StoreDashboardData(store: f.store, settings: .standard)
        let profile = try #require(try data.customer(CustomerKey(source: "acme", id: "1001"), asOf: Fixtures.today))
        try #require(profile.timeline.map(\.kind) == [.other, .paymentFailure, .payment])
        #expect(profile.timeline[1].amount == Money(minorUnits: 9_800, currency: .usd))
        #expect(!profile.timeline[1].text.contains("\u{1B}"))
        #expect(profile.timeline[2].amount == Money(minorUnits: 4_900, currency: .usd))
        // The customer-only event takes the customer's one currency; it has no amount, and says what it was.
        #expect(profile.timeline[0].text == "customer update: event 3")
        #expect(profile.scrollLineCount == 1 + 3 + 2)
    }

    @Test func theTimelineScrollsWithTheScreen() throws {
        let h = try Harness(width: 80, height: 20, start: .customer(Fixtures.key("1001")))
        #expect(!h.text.contains("Payment received"), "the last entry starts below the screen")
        // Four lines down: past the two invoices and the payment, the timeline from its heading to its end.
        try h.press(.down, .down, .down, .down)
        #expect(!h.text.contains("INV-1042"))
        #expect(h.text.contains("Timeline · newest first (4)"))
        #expect(h.text.contains("payment failed: card declined"))
        #expect(h.text.contains("Payment received"))
        #expect(!h.text.contains("\u{1B}"))
    }
}
