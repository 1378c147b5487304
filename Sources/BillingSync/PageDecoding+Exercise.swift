import BillingCore
import BillingStore
import Foundation

extension PageDecoding {
    /// What one body did on every decode path (`exercise`).
    package struct Exercise: Sendable {
        /// Records mapped, over every source and stream the body was read as.
        package var records = 0
        /// Broken promises: each is a bug (the fuzz target stops on the first; the corpus test fails).
        package var problems: [String] = []
    }

    /// Every way billtop reads a page body, for the fuzz target (`Sources/BilltopFuzz`) and its corpus test:
    /// the parser with each list key a client uses, the compact text of what it parsed, and each client's
    /// decode and map for each stream, with the promises they keep checked. A body that is not a page is
    /// no problem (a refusal is the right answer); a trap or a broken promise is.
    package static func exercise(_ body: Data) -> Exercise {
        var result = Exercise()
        for key in [nil, "invoices", "result"] {
            guard let (root, ranges) = try? JSONParser.parse(body, elementsOf: key) else { continue }
            // The compact text is JSON that reads back as itself.
            let text = root.compactText
            if (try? JSONParser.parse(Data(text.utf8)).root.compactText) != text {
                result.problems.append("compact text does not read back as itself (list key \(key ?? "nil"))")
            }
            if ranges.contains(where: { $0.lowerBound < 0 || $0.upperBound > body.count || $0.isEmpty }) {
                result.problems.append("an element range lies outside the body")
            }
        }
        for source in Source.allCases {
            for stream in [StreamKind.customers, .subscriptions, .invoices, .events] {
                let list: DecodedList
                do {
                    list =
                        switch source {
                        case .chargify: try ChargifyClient.decode(body, stream: stream)
                        case .truto: try TrutoClient.decode(body, stream: stream)
                        }
                } catch { continue }
                let page =
                    switch source {
                    case .chargify: ChargifyClient.page(stream, list, mapper: ChargifyMapper(), components: [])
                    case .truto: TrutoClient.page(stream, list, mapper: ChargifyMapper(), components: [])
                    }
                result.records += page.recordCount
                _ = page.contentFingerprint
                // The next since_id lies past every event of the page (used, so an optimised build keeps it).
                let maxID = page.events.map(\.value.id).max()
                if case .sinceID(let next) = ChargifyClient.nextAfterEvents(
                    maxID, elementCount: list.elementCount, pageSize: 1),
                    let maxID, next <= maxID
                {
                    result.problems.append("the next since_id \(next) is not past the page's last event \(maxID)")
                }
                check(page, into: &result.problems)
            }
        }
        return result
    }

    /// The promises every mapped record keeps: bounded raw text and fields, held amounts, plausible dates.
    static func check(_ page: FetchedPage, into problems: inout [String]) {
        let raws =
            page.customers.map(\.raw) + page.subscriptions.map(\.raw) + page.invoices.map(\.raw)
            + page.events.map(\.raw)
        if raws.contains(where: { $0.utf8.count > FieldLimit.raw.rawValue }) {
            problems.append("a raw text beyond FieldLimit.raw")
        }
        for customer in page.customers.map(\.value) {
            let texts = [customer.id, customer.firstName, customer.lastName, customer.email, customer.organization]
            if texts.contains(where: { $0.utf8.count > FieldLimit.short.rawValue }) {
                problems.append("a customer field beyond FieldLimit.short")
            }
            if texts.contains(where: { $0.utf8.contains(0) }) { problems.append("a NUL in a customer field") }
        }
        for invoice in page.invoices.map(\.value) {
            let amounts = [
                invoice.subtotal, invoice.discount, invoice.tax, invoice.total, invoice.credit, invoice.paid,
                invoice.refund, invoice.due,
            ]
            if amounts.contains(where: { !$0.isHeld }) {
                problems.append("invoice \(invoice.id): an amount beyond Money.largestHeld")
            }
            let dates = [invoice.issueDate, invoice.dueDate, invoice.paidDate].compactMap { $0 }
            if dates.contains(where: { !LocalDate.plausibleYears.contains($0.year) }) {
                problems.append("invoice \(invoice.id): a date outside 1900-2200")
            }
            if invoice.memo.utf8.count > FieldLimit.long.rawValue {
                problems.append("invoice \(invoice.id): a memo beyond FieldLimit.long")
            }
        }
    }
}
