import BillingCore
import BillingStore
import Foundation
import FoundationNetworking
import TestSupport
import Testing

/// The CRM side from the real binary in a real terminal (issue 19's done-means): on a store synced from
/// `billtop sandbox serve` (billing with `BILLTOP_API_KEY`, the GHL location with `BILLTOP_GHL_TOKEN`), a
/// linked customer's screen shows its CRM lines; a note and a task added through the action key land on the
/// contact once each, show on the screen at once, and the audit lists both as done.
@Suite(
    .serialized,
    .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed: the dashboard end-to-end test needs it"))
struct TmuxCRMTests {
    @Test func theCRMPanelThenANoteAndATaskFromTheDashboard() async throws {
        let binary = try ReliabilityProcess.binary()
        let work = try ReliabilityProcess.workDirectory("crm-tmux")
        defer { try? FileManager.default.removeItem(at: work) }
        let sandbox = try await TmuxSandbox.start(binary: binary, customers: 30, seed: 11, directory: work)
        defer { sandbox.kill() }
        try #require(!sandbox.locationID.isEmpty, "the sandbox's banner names its GHL location")
        let store = work.appendingPathComponent("store.sqlite").path
        let env = ReliabilityProcess.environment(
            home: work, extra: ["BILLTOP_API_KEY": "sandbox", "BILLTOP_GHL_TOKEN": "sandbox"])
        try await sandbox.sync(into: store, environment: env, directory: work)
        let ghl = try await ReliabilityProcess.run(
            ["sync", "--ghl", sandbox.url, "--location", sandbox.locationID, "--db", store], environment: env,
            directory: work, timeout: 120)
        try #require(ghl.status == 0, "\(ghl.stderrText)")

        // A plainly named customer linked to exactly one contact.
        let db = try BillingStore.openForReading(path: store)
        let source = try #require(try db.sources().first)
        var chosen: (Customer, CRMContact)?
        for (customerID, link) in try db.crmLinks(sourceID: source.id).byCustomer.sorted(by: { $0.key < $1.key }) {
            guard let contactID = link.contactID, let contact = try db.crmContact(id: contactID),
                let customer = try db.customer(sourceID: source.id, idOrEmail: customerID)?.value,
                customer.displayName.allSatisfy({ $0.isLetter || $0 == " " })
            else { continue }
            chosen = (customer, contact)
            break
        }
        let (customer, contact) = try #require(chosen, "the seeded company has customers linked to contacts")

        let tmux = try TmuxSession(
            command: "\(binary) open \(customer.id) --db \(store) --no-sync", directory: work.path, width: 220,
            height: 50, environment: ["HOME": work.path, "BILLTOP_API_KEY": "sandbox", "BILLTOP_GHL_TOKEN": "sandbox"])
        defer { tmux.kill() }
        _ = try await tmux.waitFor("the customer's screen with its CRM lines", seconds: 30) {
            $0.contains("Customer · \(customer.displayName)") && $0.contains(contact.displayName)
        }
        let note = "Promised to pay on Friday"
        let title = "Call about the card"
        let steps: [(kind: String, done: String, keys: [String], literal: String)] = [
            ("crm_note", "done: note on contact", ["g"], note),
            ("crm_task", "done: task \"\(title)\" on contact", ["k", "C-u"], title),
        ]
        for step in steps {
            try tmux.send("a")
            _ = try await tmux.waitFor("the action menu") { $0.contains("add a CRM note to") }
            for key in step.keys { try tmux.send(key) }
            try tmux.sendLiteral(step.literal)
            try tmux.send("Enter")
            _ = try await tmux.waitFor("the confirmation of \(step.kind)") {
                $0.contains("Nothing is sent until you press y.")
            }
            try tmux.send("y")
            let answer = try await tmux.waitFor("the answer to \(step.kind)") {
                $0.contains(step.done) || $0.contains("refused") || $0.contains("failed")
                    || $0.contains("nothing was sent")
            }
            #expect(answer.contains(step.done), "\(answer)")
            try tmux.send("Enter")
            _ = try await tmux.waitFor("the form closed") { !$0.contains("answered in") }
        }
        let screen = try await tmux.waitFor("the note and the task on the screen", seconds: 10) {
            $0.contains(note) && $0.contains(title)
        }
        #expect(screen.contains(note) && screen.contains(title), "\(screen)")
        try tmux.send("q")
        _ = try await tmux.waitForExit()

        // The contact holds each exactly once, as GHL answers it.
        #expect(try await Self.count(sandbox.url, "contacts/\(contact.id)/notes", "body", note) == 1)
        #expect(try await Self.count(sandbox.url, "contacts/\(contact.id)/tasks", "title", title) == 1)
        let audit = try await ReliabilityProcess.run(
            ["audit", "--customer", customer.id, "--json", "--db", store], environment: env, directory: work)
        #expect(audit.status == 0, "\(audit.stderrText)")
        for step in steps { #expect(audit.stdoutText.contains("\"\(step.kind)\""), "\(audit.stdoutText)") }
        #expect(!audit.stdoutText.contains("\"refused\"") && !audit.stdoutText.contains("\"failed\""))
    }

    /// How many of the contact's notes or tasks (GHL's own answer) have `field` equal to `value`.
    static func count(_ base: String, _ path: String, _ field: String, _ value: String) async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: "\(base)/\(path)")))
        request.setValue("Bearer sandbox", forHTTPHeaderField: "Authorization")
        request.setValue("2021-07-28", forHTTPHeaderField: "Version")
        let (data, _) = try await URLSession.shared.data(for: request)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let items = (object["notes"] ?? object["tasks"]) as? [[String: Any]] ?? []
        return items.filter { $0[field] as? String == value }.count
    }
}
