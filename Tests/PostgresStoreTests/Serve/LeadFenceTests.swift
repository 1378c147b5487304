import BillingCore
import BillingStore
import Foundation
import Testing

/// A serve cut off from its lock but still alive writes nothing more for the source (issue 18: "no duplicate in
/// the store" when the standby takes over): every page and reconcile checks the lead it was taken under, and
/// the successor's lead moves the number on.
@Suite(.serialized) struct LeadFenceTests {
    static func page(_ source: Int64, _ name: String) -> PageWrite {
        let customer = Customer(id: "c1", firstName: name, lastName: "Fence", email: "c1@example.com")
        return PageWrite(
            sourceID: source, stream: "customers", customers: [Incoming(value: customer, raw: "{\"n\":\"\(name)\"}")])
    }

    @Test func aWriterWhoseLeadWasTakenOverWritesNothing() async throws {
        let url = try await PostgresTestCluster.shared().database("fence")
        let setup = try await PostgresStore.open(url)
        let source = try await setup.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.example")
        await setup.close()

        // Serve A leads and writes under lead 1.
        let (leadsA, leadsB) = (LeadEpochs(), LeadEpochs())
        let lockA = try await PostgresLeadership.connect(url, epochs: leadsA)
        #expect(try await lockA.tryLead(sourceID: source.id))
        #expect(leadsA.epoch(sourceID: source.id) == 1)
        let writerA = try await PostgresStore.open(url)
        writerA.fence(by: leadsA)
        try await writerA.commit(Self.page(source.id, "Ada"))

        // A's lock connection is cut (A itself lives on); B takes the lead: lead 2.
        await lockA.close()
        let lockB = try await PostgresLeadership.connect(url, epochs: leadsB)
        #expect(try await lockB.tryLead(sourceID: source.id))
        #expect(leadsB.epoch(sourceID: source.id) == 2)
        let writerB = try await PostgresStore.open(url)
        writerB.fence(by: leadsB)

        await #expect {
            try await writerA.commit(Self.page(source.id, "Stale"))
        } throws: { error in
            "\(error)".contains("no longer leads source \(source.id)")
        }
        await #expect(throws: (any Error).self) {
            try await writerA.reconcile(
                sourceID: source.id, stream: "customers", table: .customer, at: 1, state: StreamState())
        }
        // Nor any of the stream's bookkeeping: B's checkpoint and its listing's seen ids stay B's.
        var running = StreamState()
        running.phase = .running
        try await writerB.saveStreamState(sourceID: source.id, stream: "customers", state: running)
        for stale in [
            { try await writerA.saveStreamState(sourceID: source.id, stream: "customers", state: StreamState()) },
            { _ = try await writerA.beginCompleteListing(sourceID: source.id, stream: "customers", table: .customer) },
            { try await writerA.resetSeen(sourceID: source.id, stream: "customers") },
        ] as [@Sendable () async throws -> Void] {
            await #expect {
                try await stale()
            } throws: { error in
                "\(error)".contains("no longer leads source \(source.id)")
            }
        }
        #expect(try await writerB.streamState(sourceID: source.id, stream: "customers").phase == .running)
        try await writerB.commit(Self.page(source.id, "Grace"))
        let stored = try #require(try await writerB.customer(RecordKey(sourceID: source.id, remoteID: "c1")))
        #expect(stored.customer.value.firstName == "Grace")

        // A store no serve fences (a one-off `billtop sync`) writes as before.
        let plain = try await PostgresStore.open(url)
        try await plain.commit(Self.page(source.id, "Plain"))
        for store in [writerA, writerB, plain] { await store.close() }
        await lockB.close()
    }
}
