import BillingCore
import BillingStore
import Foundation
import TestSupport
import Testing

/// The real binary acting from the dashboard in a real terminal (issue 17's done-means): on a store synced
/// from `billtop sandbox serve` with a one-off source and `BILLTOP_API_KEY`, the action key resends an invoice,
/// sends the card-update e-mail, adds a note and records a payment; each answer shows on screen, the audit
/// lists the four attempts as done, and the timeline shows them.
@Suite(
    .serialized,
    .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed: the dashboard end-to-end test needs it"))
struct TmuxActionTests {
    @Test func resendCardUpdateNoteAndPayFromTheDashboard() async throws {
        let binary = try ReliabilityProcess.binary()
        let work = try ReliabilityProcess.workDirectory("act-tmux")
        defer { try? FileManager.default.removeItem(at: work) }
        let sandbox = try await TmuxSandbox.start(binary: binary, customers: 30, seed: 11, directory: work)
        defer { sandbox.kill() }
        let store = work.appendingPathComponent("store.sqlite").path
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        try await sandbox.sync(into: store, environment: env, directory: work)

        // A plainly named customer with one live subscription and an open invoice with money due.
        let db = try BillingStore.openForReading(path: store)
        let source = try #require(try db.sources().first)
        let subscriptions = try db.allSubscriptions(sourceID: source.id).map(\.value)
        let invoices = try db.allInvoices(sourceID: source.id).map(\.value)
        var chosen: Customer?
        for sub in subscriptions where [.active, .pastDue].contains(sub.state) {
            guard subscriptions.filter({ $0.customerID == sub.customerID }).count == 1,
                invoices.contains(where: { $0.customerID == sub.customerID && $0.isOpen && $0.due.minorUnits > 100 }),
                let customer = try db.customer(sourceID: source.id, idOrEmail: sub.customerID)?.value,
                customer.displayName.allSatisfy({ $0.isLetter || $0 == " " })
            else { continue }
            chosen = customer
            break
        }
        let customer = try #require(chosen)

        let tmux = try TmuxSession(
            command: "\(binary) open \(customer.id) --db \(store) --no-sync", directory: work.path, width: 120,
            height: 40, environment: ["HOME": work.path, "BILLTOP_API_KEY": "sandbox"])
        defer { tmux.kill() }
        _ = try await tmux.waitFor("the customer's screen", seconds: 30) {
            $0.contains("Customer · \(customer.displayName)")
        }
        // Each action: the menu, its key, what the form needs, the confirmation, y, and the answer on screen.
        let steps: [(kind: String, done: String, keys: [String], literal: String?)] = [
            ("resend_invoice", "done: resend invoice", ["r", "Enter"], nil),
            ("card_update_email", "done: send the card-update e-mail", ["u"], nil),
            ("add_note", "done: add a note to subscription", ["n"], "called about the card"),
            ("record_payment", "done: record a payment on invoice", ["p", "C-u"], "1.00"),
        ]
        for step in steps {
            try tmux.send("a")
            _ = try await tmux.waitFor("the action menu") { $0.contains("Act on \(customer.displayName)") }
            for key in step.keys { try tmux.send(key) }
            if let literal = step.literal {
                try tmux.sendLiteral(literal)
                try tmux.send("Enter")
            }
            _ = try await tmux.waitFor("the confirmation of \(step.kind)") {
                $0.contains("Nothing is sent until you press y.")
            }
            try tmux.send("y")
            let answer = try await tmux.waitFor("the answer to \(step.kind)") {
                $0.contains(step.done) || $0.contains("refused") || $0.contains("failed")
            }
            #expect(answer.contains(step.done), "\(answer)")
            try tmux.send("Enter")
            _ = try await tmux.waitFor("the form closed") { !$0.contains("answered in") }
        }
        // The timeline (after the invoices, newest first) shows billtop's own attempts: page down to it.
        var screen = try tmux.capture()
        for _ in 0..<40 where !screen.contains("billtop: add note") {
            try tmux.send("PageDown")
            try await Task.sleep(nanoseconds: 100_000_000)
            screen = try tmux.capture()
        }
        #expect(screen.contains("billtop: add note") && screen.contains("billtop: record payment"), "\(screen)")
        try tmux.send("q")
        _ = try await tmux.waitForExit()

        let audit = try await ReliabilityProcess.run(
            ["audit", "--customer", customer.id, "--json", "--db", store], environment: env, directory: work)
        #expect(audit.status == 0, "\(audit.stderrText)")
        for step in steps { #expect(audit.stdoutText.contains("\"\(step.kind)\""), "\(audit.stdoutText)") }
        #expect(!audit.stdoutText.contains("\"refused\"") && !audit.stdoutText.contains("\"failed\""))
    }
}
