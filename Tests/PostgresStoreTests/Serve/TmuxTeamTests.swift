import BillingCore
import BillingStore
import Foundation
import PostgresNIO
import Sandbox
import TestSupport
import Testing

/// Issue 18's done-means in real terminals: one `billtop serve` holds the only key and syncs the sandbox into the
/// team store; two viewers (separate homes, as on two machines, no key) open the dashboard on it. A customer
/// renamed upstream appears on both screens without a key pressed; one viewer resends an invoice from the action
/// menu, serve performs it once (one delivery at the sandbox, one request, one journal row naming the viewer),
/// and the other viewer's audit lists it. That viewer gets a customer's billing-portal link through serve.
@Suite(
    .serialized,
    .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed: the team dashboard test needs it"))
struct TmuxTeamTests {
    @Test func twoViewersFollowOneServeAndOneOfThemResendsAnInvoice() async throws {
        let team = try await TeamDatabase.make("tmuxteam")
        let (setup, writerURL, viewerURL) = (team.setup, team.writerURL, team.viewerURL)
        // The company lives in real time, as serve's clock does, so a record changed now is in its next round.
        let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let configuration = SandboxConfiguration(seed: 11, customers: 20, now: now)
        let sandbox = try await SandboxServer.start(configuration)
        defer { Task { await sandbox.stop() } }
        sandbox.startTicking(every: 1)
        let key = configuration.chargifyAPIKey
        let writerEnvironment = ["BILLTOP_API_KEY": key, "PGPASSWORD": TeamDatabase.writerPassword]
        let sync = try await BilltopRun.onThread(
            ["sync", "--chargify", sandbox.baseURL, "--store", writerURL], environment: writerEnvironment)
        #expect(sync.status == 0, "\(sync.stderr)")
        let serve = try ServeProcess.start(
            ["serve", "--store", writerURL, "--interval", "2"], environment: writerEnvironment)
        defer { _ = serve.terminate() }

        let binary = try BilltopRun.binary()
        var viewers: [TmuxSession] = []
        defer { for viewer in viewers { viewer.kill() } }
        for name in ["ana", "ben"] {
            let home = TestScratch.directory("team-viewer-\(name)")
            viewers.append(
                try TmuxSession(
                    command: "\(binary) --store \(viewerURL)", directory: home.path, width: 120, height: 40,
                    environment: ["HOME": home.path, "PGPASSWORD": TeamDatabase.viewerPassword]))
        }
        for viewer in viewers {
            _ = try await viewer.waitFor("the copied customers", seconds: 60) { $0.contains("Customers (20)") }
        }

        // Upstream, a customer is renamed so that it sorts first: both screens show it, untouched.
        await sandbox.world.edit { company in
            company.customers[3].firstName = "Aaaa"
            company.customers[3].lastName = "Teamtest"
            company.customers[3].updatedAt = company.now.secondsSinceEpoch
        }
        for viewer in viewers {
            _ = try await viewer.waitFor("the renamed customer", seconds: 60) { $0.contains("Aaaa Teamtest") }
        }

        // Ana resends the first invoice of her invoices pane; serve answers on her screen.
        let ana = viewers[0]
        try ana.send("Tab")
        try ana.send("a")
        _ = try await ana.waitFor("the action menu") { $0.contains("resend invoice") }
        try ana.send("r")
        try ana.send("Enter")
        _ = try await ana.waitFor("the review") { $0.contains("y: send it") }
        try ana.send("y")
        let answered = try await ana.waitFor("serve's answer", seconds: 60) {
            $0.contains("serve: done: resend invoice")
        }
        #expect(!answered.contains(key))

        // Ben asks for the first customer's billing-portal link: serve fetches it with its key, his menu shows it.
        let ben = viewers[1]
        try ben.send("a")
        _ = try await ben.waitFor("the action menu") { $0.contains("show the billing-portal link") }
        try ben.send("l")
        let link = try await ben.waitFor("the link from serve", seconds: 60) {
            $0.contains("billing portal:") && $0.contains("/manage/")
        }
        #expect(!link.contains("serve has not answered"), "\(link)")

        let deliveries = await sandbox.sideEffects().filter { $0.kind == .delivery }
        #expect(deliveries.count == 1, "one resend, one delivery: \(deliveries)")
        let writer = try await AdminSQL.connect(
            user: setup.writer, password: TeamDatabase.writerPassword, database: setup.database)
        let rows = try await writer.raw.query(
            "SELECT r.requested_by, r.state, j.sends FROM action_request r JOIN action_journal j ON j.token = r.token",
            logger: AdminSQL.logger)
        var requests: [(String, String, Int32)] = []
        for try await row in rows.decode((String, String, Int32).self) { requests.append(row) }
        #expect(requests.count == 1 && requests.first?.0 == setup.viewer && requests.first?.1 == "succeeded")
        #expect(requests.first?.2 == 1)

        // Ben's copy has the team's journal: his audit lists Ana's resend as done.
        let benHome = TestScratch.directory("team-viewer-ben-audit")
        let audit = try await BilltopRun.onThread(
            ["audit", "--store", viewerURL],
            environment: ["PGPASSWORD": TeamDatabase.viewerPassword, "XDG_DATA_HOME": benHome.path])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("resend_invoice") && audit.stdout.contains(setup.viewer), "\(audit.stdout)")
        #expect(serve.terminate() == 0, "\(serve.stderr)")
    }
}
