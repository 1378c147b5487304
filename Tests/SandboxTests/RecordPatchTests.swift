import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// Record patches change exactly the named field of the named record in lists and single gets, and
/// nothing else; world edits reach the encoded JSON.
@Suite struct RecordPatchTests {
    @Test func patchesReplaceOrRemoveOneFieldOfOneRecord() async throws {
        let (server, client) = try await TestSandbox.start(customers: 12)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let uid = company.invoices[1].uid
        let customerID = company.customers[2].id
        server.setRecordPatches([
            RecordPatch(.invoice, id: uid, field: "total_amount", json: "{}"),
            RecordPatch(.invoice, id: uid, field: "memo", json: nil),
            RecordPatch(.customer, id: "\(customerID)", field: "email", json: "42"),
            RecordPatch(.customer, id: "\(customerID)", field: "typo", json: "{not json"),
        ])
        let list = try await client.get("/invoices.json?per_page=200&direction=asc")
        let invoices = try #require(list.object["invoices"] as? [[String: Any]])
        let patched = try #require(invoices.first { $0["uid"] as? String == uid })
        #expect((patched["total_amount"] as? [String: Any])?.isEmpty == true)
        #expect(patched["memo"] == nil)
        let other = try #require(invoices.first { $0["uid"] as? String == company.invoices[0].uid })
        #expect(other["total_amount"] is String && other["memo"] != nil, "another record was changed")

        let one = try await client.get("/customers/\(customerID).json")
        let customer = try #require(one.object["customer"] as? [String: Any])
        #expect(customer["email"] as? Int == 42)
        #expect(customer["typo"] == nil, "text that is not JSON must change nothing")
        let customers = try await client.get("/customers.json?per_page=50")
        let listed = customers.array.compactMap { $0["customer"] as? [String: Any] }
        #expect(listed.first { $0["id"] as? Int == customerID }?["email"] as? Int == 42)
        #expect(listed.filter { $0["email"] is String }.count == listed.count - 1)

        server.setRecordPatches([])
        let clean = try await client.get("/customers/\(customerID).json")
        #expect((clean.object["customer"] as? [String: Any])?["email"] is String)
    }

    /// A literal patch puts text Foundation cannot parse (`1e400`, 30 digits) into the body byte for byte.
    @Test func literalPatchesAreSplicedAsWritten() async throws {
        let (server, client) = try await TestSandbox.start(customers: 12)
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let uid = company.invoices[1].uid
        server.setRecordPatches([
            RecordPatch(.invoice, id: uid, field: "total_amount", literal: "1e400"),
            RecordPatch(.invoice, id: uid, field: "surprise", literal: "[123456789012345678901234567890]"),
        ])
        let list = try await client.get("/invoices.json?per_page=200&direction=asc")
        #expect(
            list.text.contains(#""total_amount":1e400"#)
                && list.text.contains(#""surprise":[123456789012345678901234567890]"#))
        #expect(!list.text.contains("billtop-sandbox-literal"), "a placeholder was left in the body")
        #expect(list.text.components(separatedBy: "1e400").count == 2, "only the patched record changed")
    }

    @Test func worldEditsReachTheEncodedInvoice() async throws {
        let (server, client) = try await TestSandbox.start(customers: 12)
        defer { Task { await server.stop() } }
        await server.world.edit { company in
            company.invoices[0].currency = .kwd
            company.invoices[0].subtotal = 1_234
            company.invoices[0].discount = 0
            company.invoices[0].tax = 0
        }
        let uid = await server.world.company.invoices[0].uid
        let list = try await client.get("/invoices.json?per_page=200&direction=asc")
        let invoice = try #require((list.object["invoices"] as? [[String: Any]])?.first { $0["uid"] as? String == uid })
        #expect(invoice["currency"] as? String == "KWD")
        #expect(invoice["total_amount"] as? String == "1.234")
    }
}
