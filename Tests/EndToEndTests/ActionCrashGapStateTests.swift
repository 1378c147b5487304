import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// The crash in the gap for the token-carrying actions that change an account rather than move money or send
/// mail (issue 17's done-means: every token-carrying action): the real binary is killed while the sandbox holds
/// the answer to a write it has made, the command runs again with the same token, and the account changed once:
/// one state change, one coupon, one new customer. Chargify for each; Truto too for the two that would duplicate
/// a record if repeated blindly (a customer, a coupon).
@Suite(.serialized) struct ActionCrashGapStateTests {
    @Test(arguments: [
        ("pause", SourceConfig.Kind.chargify), ("resume", .chargify), ("cancel-dunning", .chargify),
        ("cancel-at-period-end", .chargify), ("reactivate", .chargify), ("add-coupon", .chargify),
        ("create", .chargify), ("add-coupon", .truto), ("create", .truto),
    ])
    func aKilledActionRunAgainChangesTheAccountOnce(_ name: String, _ route: SourceConfig.Kind) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let source = harness.source(route)
        _ = try await harness.runner([source]).runOnce(full: true, sourceName: nil)
        let company = await harness.server.world.company
        let now = company.now.secondsSinceEpoch
        func first(_ test: (SandboxSubscription) -> Bool) throws -> SandboxSubscription {
            let found = company.subscriptions.first(where: test)
            return try #require(found, "the seeded company has a subscription for \(name)")
        }
        let coupon = try #require(company.coupons.first { $0.offered && $0.percentage != nil && $0.endDay == nil })
        let email = "gap-\(route)@example.org"
        let subscription: SandboxSubscription?
        let arguments: [String]
        let kind: String
        switch name {
        case "pause":
            subscription = try first {
                $0.state == "active" && !$0.cancelAtEndOfPeriod && ($0.nextAssessmentAt ?? 0) > now + 2 * 86_400
            }
            (arguments, kind) = (["subscription", "pause"], "pause")
        case "resume":
            subscription = try first { $0.state == "on_hold" }
            (arguments, kind) = (["subscription", "resume"], "resume")
        case "cancel-dunning":
            subscription = try first { $0.state == "past_due" }
            (arguments, kind) = (["subscription", "cancel-dunning"], "cancel_dunning")
        case "cancel-at-period-end":
            subscription = try first { $0.state == "active" && !$0.cancelAtEndOfPeriod }
            (arguments, kind) = (["subscription", "cancel-at-period-end"], "cancel_at_period_end")
        case "reactivate":
            subscription = try first { $0.state == "canceled" }
            (arguments, kind) = (["subscription", "reactivate"], "reactivate")
        case "add-coupon":
            subscription = try first { $0.state == "active" && $0.couponCodes.isEmpty }
            (arguments, kind) = (["subscription", "add-coupon"], "add_coupon")
        default:
            subscription = nil
            (arguments, kind) = (
                ["customer", "create", "--first-name", "Gap", "--last-name", "Test", "--email", email],
                "create_customer"
            )
        }
        var command = arguments
        if let subscription { command.append(String(subscription.id)) }
        if name == "add-coupon" { command.append(coupon.code) }
        let objectID = subscription.map { String($0.id) } ?? ""

        let outcome = try await CrashGapStrike.strike(
            command, objectID: objectID, kind: kind, harness: harness, source: source, label: "gap-\(name)")
        #expect(outcome.again.status == 0, "\(outcome.again.stdoutText) \(outcome.again.stderrText)")
        #expect(outcome.again.stdoutText.contains("already done"), "\(outcome.again.stdoutText)")
        #expect(outcome.entries.count == 1, "one attempt, resumed, not a second one")
        let entry = try #require(outcome.entries.first)
        #expect(entry.token == outcome.journalled.first?.token && entry.sends == 2 && entry.state == .alreadyDone)

        // The account changed once.
        let after = await harness.server.world.company
        switch name {
        case "create":
            #expect(after.customers.filter { $0.email == email }.count == 1, "one new customer, not two")
        case "add-coupon":
            let codes = after.subscription(id: try #require(subscription).id)?.couponCodes ?? []
            #expect(codes == [coupon.code])
        case "cancel-at-period-end":
            #expect(after.subscription(id: try #require(subscription).id)?.cancelAtEndOfPeriod == true)
        default:
            let id = try #require(subscription).id
            let changes = after.events.filter {
                $0.subscriptionID == id && $0.key == "subscription_state_change" && $0.createdAt >= now
            }
            #expect(changes.count == 1, "one state change, found \(changes.count)")
        }
    }
}
