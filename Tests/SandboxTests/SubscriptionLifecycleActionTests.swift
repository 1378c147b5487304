import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// Pause and resume, cancel at period end and undo, reactivate, and coupons; and how the living world
/// treats what they leave behind.
@Suite struct SubscriptionLifecycleActionTests {
    static func time(_ value: Any?) -> Int64? { (value as? String).flatMap { Timestamp(iso: $0) }?.secondsSinceEpoch }

    @Test func aHeldSubscriptionDoesNotRenewAndResumesLater() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let now = await server.world.now.secondsSinceEpoch
        let s = try await ActionFixtures.subscription(server, state: "active") {
            ($0.nextAssessmentAt ?? 0) > now + 2 * 86_400 && ($0.nextAssessmentAt ?? .max) < now + 40 * 86_400
        }
        let soon = try await ActionFixtures.subscription(server, state: "active") {
            ($0.nextAssessmentAt ?? .max) < now + 86_400
        }
        let refused = try await client.send("POST", "/subscriptions/\(soon.id)/hold.json", body: nil)
        #expect(refused.status == 422 && ActionFixtures.errors(refused).first?.contains("within 24 hours") == true)
        let before = await ActionFixtures.lastEventID(server)
        let held = try await client.send(
            "POST", "/subscriptions/\(s.id)/hold.json", body: ["uniqueness_token": "hold-1"])
        #expect(held.status == 200 && ActionFixtures.subscription(held)["state"] as? String == "on_hold")
        #expect(Self.time(ActionFixtures.subscription(held)["on_hold_at"]) == now)
        #expect(
            try await client.send("POST", "/subscriptions/\(s.id)/hold.json", body: ["uniqueness_token": "hold-1"])
                .status == 409)
        let invoices = await server.world.company.invoices.filter { $0.subscriptionID == s.id }.count
        let pause = (s.nextAssessmentAt ?? now) - now + 3 * 86_400
        await server.world.advance(seconds: pause)
        #expect(
            await server.world.company.invoices.filter { $0.subscriptionID == s.id }.count == invoices,
            "no renewal on hold")
        #expect(await server.world.company.subscription(id: s.id)?.state == "on_hold")
        let resumed = try await client.send("POST", "/subscriptions/\(s.id)/resume.json", body: nil)
        #expect(resumed.status == 200 && ActionFixtures.subscription(resumed)["state"] as? String == "active")
        #expect(
            Self.time(ActionFixtures.subscription(resumed)["current_period_ends_at"]) == s.currentPeriodEndsAt + pause)
        let keys = await ActionFixtures.eventKeys(server, subscriptionID: s.id, after: before)
        #expect(keys == ["subscription_state_change", "subscription_state_change"])
        #expect(try await client.send("POST", "/subscriptions/\(s.id)/resume.json", body: nil).status == 422)
    }

    @Test func aDelayedCancelHappensAtPeriodEndAndCanBeUndone() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let now = await server.world.now.secondsSinceEpoch
        let first = try await ActionFixtures.subscription(server, state: "active") {
            !$0.cancelAtEndOfPeriod && $0.currentPeriodEndsAt > now && $0.currentPeriodEndsAt < now + 40 * 86_400
        }
        let second = try await ActionFixtures.subscription(server, state: "active") {
            !$0.cancelAtEndOfPeriod && $0.id != first.id
        }
        let before = await ActionFixtures.lastEventID(server)
        for s in [first, second] {
            let reply = try await client.send(
                "POST", "/subscriptions/\(s.id)/delayed_cancel.json", body: ["uniqueness_token": "dc-\(s.id)"])
            #expect(reply.status == 200 && (reply.object["message"] as? String)?.contains("end of the period") == true)
        }
        let scheduled = ActionFixtures.subscription(try await client.get("/subscriptions/\(first.id).json"))
        #expect(scheduled["cancel_at_end_of_period"] as? Bool == true)
        #expect(Self.time(scheduled["delayed_cancel_at"]) == first.currentPeriodEndsAt)
        let undo = try await client.send("DELETE", "/subscriptions/\(second.id)/delayed_cancel.json", body: nil)
        #expect(undo.status == 200)
        let undone = ActionFixtures.subscription(try await client.get("/subscriptions/\(second.id).json"))
        #expect(undone["cancel_at_end_of_period"] as? Bool == false && undone["delayed_cancel_at"] is NSNull)
        #expect(
            await ActionFixtures.eventKeys(server, subscriptionID: second.id, after: before)
                == ["pending_cancellation_change", "pending_cancellation_change"])
        await server.world.advance(seconds: first.currentPeriodEndsAt - now + 3_600)
        #expect(await server.world.company.subscription(id: first.id)?.state == "canceled")
        let canceled = try await ActionFixtures.subscription(server, state: "canceled")
        #expect(
            try await client.send("POST", "/subscriptions/\(canceled.id)/delayed_cancel.json", body: nil).status == 422)
    }

    @Test func reactivationStartsANewPeriod() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "canceled")
        let now = await server.world.now.secondsSinceEpoch
        let before = await ActionFixtures.lastEventID(server)
        let reply = try await client.send(
            "PUT", "/subscriptions/\(s.id)/reactivate.json", body: ["uniqueness_token": "re-1"])
        #expect(reply.status == 200)
        let body = ActionFixtures.subscription(reply)
        #expect(body["state"] as? String == "active" && body["canceled_at"] is NSNull)
        #expect(Self.time(body["current_period_started_at"]) == now)
        #expect((Self.time(body["current_period_ends_at"]) ?? 0) > now)
        #expect(
            await ActionFixtures.eventKeys(server, subscriptionID: s.id, after: before) == ["subscription_state_change"]
        )
        #expect(
            try await client.send("PUT", "/subscriptions/\(s.id)/reactivate.json", body: ["uniqueness_token": "re-1"])
                .status == 409)
        let again = try await client.send("PUT", "/subscriptions/\(s.id)/reactivate.json", body: nil)
        #expect(again.status == 422 && ActionFixtures.errors(again).first?.contains("canceled or expired") == true)
    }

    @Test func couponsMustExistAndMatchTheCurrency() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let usd = try await ActionFixtures.subscription(server, state: "active") {
            $0.currency == .usd && $0.couponCodes.isEmpty
        }
        let eur = try await ActionFixtures.subscription(server, state: "active") { $0.currency == .eur }
        let unknown = try await client.send("POST", "/subscriptions/\(usd.id)/add_coupon.json?code=NOPE", body: nil)
        #expect(unknown.status == 422 && ActionFixtures.errors(unknown) == ["Coupon code could not be found."])
        let mismatch = try await client.send("POST", "/subscriptions/\(eur.id)/add_coupon.json?code=TENOFF", body: nil)
        #expect(mismatch.status == 422 && ActionFixtures.errors(mismatch).first?.contains("EUR") == true)
        let before = await ActionFixtures.lastEventID(server)
        let added = try await client.send("POST", "/subscriptions/\(usd.id)/add_coupon.json?code=TENOFF", body: nil)
        #expect(added.status == 200 && ActionFixtures.subscription(added)["coupon_code"] as? String == "TENOFF")
        let now = await server.world.now
        #expect(Self.time(ActionFixtures.subscription(added)["updated_at"]) == now.secondsSinceEpoch)
        #expect(
            await ActionFixtures.eventKeys(server, subscriptionID: usd.id, after: before).isEmpty,
            "Chargify has no coupon event")
        #expect(
            try await client.send("POST", "/subscriptions/\(usd.id)/add_coupon.json?code=TENOFF", body: nil).status
                == 422)
    }
}
