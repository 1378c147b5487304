import BillingStore
import Foundation
import PostgresNIO
import Sandbox
import Testing

/// Issue 18 end to end, every piece real: the writer syncs the sandbox into the team store, `billtop serve` runs
/// as a process holding the only key, and a viewer with no key asks to resend an invoice. The sandbox sees one
/// delivery, the team journal one attempt under the viewer's token recording who asked, and the viewer prints
/// serve's outcome.
@Suite struct ServeEndToEndTests {
    @Test func aViewersResendIsPerformedOnceByARealServeWithTheOnlyKey() async throws {
        let team = try await TeamDatabase.make("e2e")
        let (setup, writerURL, viewerURL) = (team.setup, team.writerURL, team.viewerURL)
        let configuration = SandboxConfiguration(seed: 11, customers: 20)
        let sandbox = try await SandboxServer.start(configuration)
        defer { Task { await sandbox.stop() } }
        let key = configuration.chargifyAPIKey
        let writerEnvironment = ["BILLTOP_API_KEY": key, "PGPASSWORD": TeamDatabase.writerPassword]

        let sync = try await BilltopRun.onThread(
            ["sync", "--chargify", sandbox.baseURL, "--store", writerURL], environment: writerEnvironment)
        #expect(sync.status == 0, "\(sync.stderr)")
        let invoice = try #require(await sandbox.world.company.invoices.first { $0.status == "open" })

        let serve = try ServeProcess.start(
            ["serve", "--store", writerURL, "--interval", "3600"], environment: writerEnvironment)
        defer { _ = serve.terminate() }
        // No key reaches the viewer: only its own database password.
        let asked = try await BilltopRun.onThread(
            ["invoice", "resend", String(invoice.number), "--store", viewerURL, "--yes", "--wait", "60"],
            environment: ["PGPASSWORD": TeamDatabase.viewerPassword])
        #expect(asked.status == 0, "\(asked.stderr)\n\(serve.stderr)")
        #expect(asked.stdout.hasPrefix("done: resend invoice \(invoice.number) "), "\(asked.stdout)")
        #expect(!asked.stdout.contains(key) && !asked.stderr.contains(key) && !serve.stderr.contains(key))

        let deliveries = await sandbox.world.sideEffects.filter { $0.kind == .delivery && $0.invoiceUID == invoice.uid }
        #expect(deliveries.count == 1)
        let writer = try await AdminSQL.connect(
            user: setup.writer, password: TeamDatabase.writerPassword, database: setup.database)
        let rows = try await writer.raw.query(
            """
            SELECT j.who, j.state, j.sends, r.state FROM action_journal j JOIN action_request r ON r.token = j.token
            """, logger: AdminSQL.logger)
        var journalled = 0
        for try await (who, state, sends, request) in rows.decode((String, String, Int32, String).self) {
            journalled += 1
            #expect(who == setup.viewer)
            #expect(state == "done" && sends == 1 && request == "succeeded")
        }
        #expect(journalled == 1)
        #expect(serve.terminate() == 0, "\(serve.stderr)")
    }
}
