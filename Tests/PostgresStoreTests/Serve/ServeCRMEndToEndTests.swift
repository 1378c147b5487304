import BillingStore
import Foundation
import PostgresNIO
import Sandbox
import TestSupport
import Testing
import _CryptoExtras

#if canImport(Glibc)
    import Glibc
#endif

/// The CRM side of a team end to end (issue 18 with issue 19): a real `billtop serve` with a config naming a
/// billing source and a GHL location syncs both into the team store; the viewer role reads the CRM tables and
/// cannot write them; a signed GHL webhook naming a contact makes serve re-read it, so a note deleted in GHL
/// (which moves no contact's update time, so polling alone would not see it) leaves the team store.
@Suite struct ServeCRMEndToEndTests {
    @Test func serveSyncsTheLocationAndAWebhookRefreshesItsContact() async throws {
        let team = try await TeamDatabase.make("crm_e2e")
        let configuration = SandboxConfiguration(seed: 5, customers: 16)
        let sandbox = try await SandboxServer.start(configuration)
        defer { Task { await sandbox.stop() } }
        sandbox.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        let location = configuration.ghlLocationID
        let work = TestScratch.directory("serve-crm")
        let config = work.appendingPathComponent("config.toml").path
        try """
        [[source]]
        name = "acme"
        kind = "chargify"
        url = "\(sandbox.baseURL)"
        key_env = "ACME_KEY"
        allow_insecure_http = true

        [[source]]
        name = "crm"
        kind = "ghl"
        url = "\(sandbox.baseURL)"
        location_id = "\(location)"
        allow_insecure_http = true

        [crm]
        dunning_tasks = true
        """.write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o600)
        let signer = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let pem = work.appendingPathComponent("ghl.pem").path
        try signer.publicKey.pemRepresentation.write(toFile: pem, atomically: true, encoding: .utf8)
        chmod(pem, 0o600)
        let token = configuration.ghlToken
        let serve = try ServeProcess.start(
            [
                "serve", "--store", team.writerURL, "--config", config, "--interval", "3", "--listen",
                "127.0.0.1:0", "--ghl-public-key", pem,
            ],
            environment: [
                "ACME_KEY": configuration.chargifyAPIKey, "BILLTOP_GHL_TOKEN": token,
                "PGPASSWORD": TeamDatabase.writerPassword,
            ])
        defer { _ = serve.terminate() }

        // The viewer's own SQL client sees the location's contacts once serve's first rounds are done.
        let viewer = try await AdminSQL.connect(
            user: team.setup.viewer, password: TeamDatabase.viewerPassword, database: team.setup.database)
        let contacts = await sandbox.world.company.ghlContacts.count
        @Sendable func count(_ sql: String) async throws -> Int {
            let rows = try await viewer.raw.query(PostgresQuery(unsafeSQL: sql), logger: AdminSQL.logger)
            for try await n in rows.decode(Int.self) { return n }
            return 0
        }
        do {
            try await eventually(120, "serve synced the GHL location") {
                let (stored, activity) = (
                    try await count("SELECT count(*)::int FROM crm_contact"),
                    try await count("SELECT count(*)::int FROM crm_activity")
                )
                return stored == contacts && activity > 0
            }
        } catch {
            Issue.record("serve's stderr and log:\n\(serve.stderr)\n\(serve.log)")
            throw error
        }
        #expect(try await count("SELECT count(*)::int FROM crm_user") > 0)

        // With `[crm] dunning_tasks = true`, serve's GHL rounds make the linked customers' dunning stages tasks for
        // the contacts' owners, journalled as serve's (PostgresDunningTaskTests checks the stages themselves).
        try await eventually(60, "serve made dunning tasks") {
            try await count(
                "SELECT count(*)::int FROM action_journal WHERE kind = 'crm_task' AND who = 'serve (dunning)' AND state = 'done'"
            ) > 0
        }
        await #expect(throws: (any Error).self, "the viewer role cannot write the CRM tables") {
            try await viewer.raw.query(
                "INSERT INTO crm_note (note_id, contact_id, body, user_id, date_added_ms) VALUES ('x', 'y', 'z', '', 0)",
                logger: AdminSQL.logger)
        }

        // A linked contact with notes loses one in GHL; GHL's webhook names the contact.
        var pruned = ""
        let rows = try await viewer.raw.query(
            "SELECT contact_id, count(*)::int FROM crm_note GROUP BY contact_id ORDER BY contact_id LIMIT 1",
            logger: AdminSQL.logger)
        var noted = 0
        for try await (id, n) in rows.decode((String, Int).self) { (pruned, noted) = (id, n) }
        #expect(noted > 0)
        let (contact, notes) = (pruned, noted)
        await sandbox.world.edit { company in
            if let i = company.ghlContacts.firstIndex(where: { $0.id == contact }) {
                company.ghlContacts[i].notes.removeFirst()
            }
        }
        let announced = serve.stderr.components(separatedBy: "webhooks on port ").last ?? ""
        let port = try #require(Int(String(announced.prefix(while: { $0.isNumber }))))
        let body = Array(
            #"{"type":"NoteDelete","locationId":"\#(location)","contactId":"\#(contact)","webhookId":"w-crm-1"}"#.utf8)
        let signature = try signer.signature(for: body, padding: .insecurePKCS1v1_5).rawRepresentation
            .base64EncodedString()
        #expect(
            try await WebhookPost.send(
                port: port, path: "/webhooks/ghl/\(location)", body: body, headers: ["x-wh-signature": signature])
                == 200)
        try await eventually(30, "serve re-read the contact the webhook named") {
            try await count("SELECT count(*)::int FROM crm_note WHERE contact_id = '\(contact)'") == notes - 1
        }

        // A viewer with no GHL token writes a note on a linked customer's contact: serve writes it once.
        var linkedCustomer = ""
        var linkedContact = ""
        let pairs = try await viewer.raw.query(
            """
            SELECT c.remote_id, k.contact_id FROM customer c JOIN crm_contact k ON k.email_key = lower(c.email)
            ORDER BY c.remote_id LIMIT 1
            """, logger: AdminSQL.logger)
        for try await (customer, contact) in pairs.decode((String, String).self) {
            (linkedCustomer, linkedContact) = (customer, contact)
        }
        let note = "Spoke to the customer about the overdue invoice"
        let asked = try await BilltopRun.onThread(
            ["crm", "note", linkedCustomer, note, "--store", team.viewerURL, "--yes", "--wait", "60"],
            environment: ["PGPASSWORD": TeamDatabase.viewerPassword])
        #expect(asked.status == 0, "\(asked.stdout)\n\(asked.stderr)\n\(serve.log)")
        #expect(asked.stdout.contains("note"), "\(asked.stdout)")
        let written = linkedContact
        let made = await sandbox.world.company.ghlContacts.first { $0.id == written }?.notes.filter { $0.body == note }
        #expect(made?.count == 1)
        #expect(try await count("SELECT count(*)::int FROM crm_note WHERE body = '\(note)'") == 1)
        let journal = try await viewer.raw.query(
            "SELECT who, state, sends FROM action_journal WHERE kind = 'crm_note'", logger: AdminSQL.logger)
        var journalled = 0
        for try await (who, state, sends) in journal.decode((String, String, Int32).self) {
            journalled += 1
            #expect(who == team.setup.viewer && state == "done" && sends == 1)
        }
        #expect(journalled == 1)
        #expect(!asked.stdout.contains(token) && !asked.stderr.contains(token))

        // The viewer links the customer to another contact by hand, reads the link back, then unlinks it.
        var other = ""
        let others = try await viewer.raw.query(
            PostgresQuery(
                unsafeSQL:
                    "SELECT contact_id FROM crm_contact WHERE contact_id <> '\(linkedContact)' ORDER BY contact_id LIMIT 1"
            ),
            logger: AdminSQL.logger)
        for try await id in others.decode(String.self) { other = id }
        let viewerEnvironment = ["PGPASSWORD": TeamDatabase.viewerPassword]
        let link = try await BilltopRun.onThread(
            ["link", linkedCustomer, other, "--store", team.viewerURL, "--wait", "60"], environment: viewerEnvironment)
        #expect(
            link.status == 0 && link.stdout.contains("linked to contact \(other) by hand"),
            "\(link.stdout)\(link.stderr)")
        let shown = try await BilltopRun.onThread(
            ["link", linkedCustomer, "--store", team.viewerURL], environment: viewerEnvironment)
        #expect(shown.stdout.contains("contact \(other) (by hand)"), "\(shown.stdout)\(shown.stderr)")
        let unlink = try await BilltopRun.onThread(
            ["unlink", linkedCustomer, "--store", team.viewerURL, "--wait", "60"], environment: viewerEnvironment)
        #expect(unlink.status == 0 && unlink.stdout.contains("unlinked by hand"), "\(unlink.stdout)\(unlink.stderr)")
        #expect(try await count("SELECT count(*)::int FROM crm_link_override WHERE contact_id IS NULL") == 1)
        // Many rounds later, each dunning task is in GHL once.
        let followUps = await sandbox.world.company.ghlContacts.flatMap { contact in
            contact.tasks.filter { $0.title.hasPrefix("Follow up: ") }.map { "\(contact.id) \($0.title)" }
        }
        #expect(!followUps.isEmpty && Set(followUps).count == followUps.count, "\(followUps)")
        #expect(!serve.stderr.contains(token) && !serve.stderr.contains(configuration.chargifyAPIKey))
        #expect(serve.terminate() == 0, "\(serve.stderr)")
    }
}
