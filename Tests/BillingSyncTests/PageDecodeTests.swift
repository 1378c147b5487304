import BillingCore
import Foundation
import Sandbox
import Testing

@testable import BillingSync

/// Real sandbox pages (hostile strings on) through the clients' decoding: the whole page decodes with each
/// record's raw text exactly its element's bytes, agrees with JSONSerialization, and every truncation throws.
@Suite struct PageDecodeTests {
    struct Page {
        let source: PageDecoding.Source
        let stream: StreamKind
        let body: Data
    }

    static func pages() async throws -> [Page] {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 5, customers: 40, hostileStrings: true))
        var pages: [Page] = []
        for (stream, path, extra) in [
            (StreamKind.customers, "/customers.json", ""), (.subscriptions, "/subscriptions.json", ""),
            (.invoices, "/invoices.json", "&line_items=true&payments=true"), (.events, "/events.json", ""),
        ] {
            let body = await server.localGet(path: path, query: "page=2&per_page=3" + extra).body
            pages.append(Page(source: .chargify, stream: stream, body: Data(body)))
        }
        let account = server.integratedAccountID
        for (stream, path) in [
            (StreamKind.customers, "/unified/subscription-management/customers"),
            (.invoices, "/unified/subscription-management/invoices"), (.events, "/proxy/events"),
        ] {
            let body = await server.localGet(path: path, query: "integrated_account_id=\(account)&limit=3").body
            pages.append(Page(source: .truto, stream: stream, body: Data(body)))
        }
        await server.stop()
        return pages
    }

    static func decode(_ page: Page, _ body: Data) throws -> DecodedList {
        switch page.source {
        case .chargify: try ChargifyClient.decode(body, stream: page.stream)
        case .truto: try TrutoClient.decode(body, stream: page.stream)
        }
    }

    @Test func wholePagesDecodeWithExactRawTexts() async throws {
        for page in try await Self.pages() {
            let list = try Self.decode(page, page.body)
            #expect(list.objects.count == 3 && list.texts.count == 3, "\(page.source) \(page.stream)")
            let bodyText = String(decoding: page.body, as: UTF8.self)
            for text in list.texts {
                #expect(bodyText.contains(text))
                // Each raw text is a whole JSON value on its own, the same one JSONSerialization reads.
                let ours = try JSONParser.parse(Data(("[" + text + "]").utf8)).root
                let theirs = try JSONSerialization.jsonObject(with: Data(("[" + text + "]").utf8))
                #expect(JSONParserTests.Canon(ours).same(JSONParserTests.Canon(any: theirs)))
            }
            #expect(try PageDecoding.records(in: page.body, source: page.source, stream: page.stream) == 3)
        }
    }

    @Test func everyTruncationOfARealPageThrows() async throws {
        for page in try await Self.pages() {
            var body = page.body
            while let last = body.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 {
                body.removeLast()
            }
            var yielded: [Int] = []
            for length in 0..<body.count {
                if (try? Self.decode(page, body.prefix(length))) != nil { yielded.append(length) }
            }
            #expect(
                yielded.isEmpty,
                "\(page.source) \(page.stream): truncations to \(yielded.prefix(5)) bytes yielded a page")
        }
    }
}
