import Foundation

/// The client-side decode and map of one page body with no HTTP and no store: what `billtop-bench decode`
/// times, through the same functions a sync uses.
package enum PageDecoding {
    /// Which client's decoding a body goes through.
    package enum Source: String, Sendable, CaseIterable {
        case chargify, truto
    }

    /// Decodes and maps `body` as one page of `stream` from `source`; returns the records it mapped.
    /// Subscriptions are mapped without components and with an empty catalogue (those come from other requests).
    package static func records(in body: Data, source: Source, stream: StreamKind) throws -> Int {
        switch source {
        case .chargify:
            return ChargifyClient.page(
                stream, try ChargifyClient.decode(body, stream: stream), mapper: ChargifyMapper(), components: []
            )
            .recordCount
        case .truto:
            return TrutoClient.page(
                stream, try TrutoClient.decode(body, stream: stream), mapper: ChargifyMapper(), components: []
            )
            .recordCount
        }
    }
}
