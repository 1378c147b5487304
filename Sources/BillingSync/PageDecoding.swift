import Foundation

/// The client-side decode and map of one page body with no HTTP and no store: what `billtop bench decode`
/// times, through the same functions a sync uses.
public enum PageDecoding {
    /// Which client's decoding a body goes through.
    public enum Source: String, Sendable, CaseIterable {
        case chargify, truto
    }

    /// Decodes and maps `body` as one page of `stream` from `source`; returns the records it mapped.
    /// Subscriptions are mapped without components and with an empty catalogue (those come from other requests).
    public static func records(in body: Data, source: Source, stream: StreamKind) throws -> Int {
        switch source {
        case .chargify:
            let (elements, texts) = try ChargifyClient.decode(body, stream: stream).value
            return ChargifyClient.page(stream, elements: elements, texts: texts, mapper: ChargifyMapper(), components: []).recordCount
        case .truto:
            let (result, _, texts) = try TrutoClient.decode(body).value
            let subscriptions = stream == .subscriptions ? try ChargifyMapper.unwrap(result, as: "subscription") : []
            return try TrutoClient.page(
                stream, result: result, texts: texts, mapper: ChargifyMapper(), subscriptions: subscriptions, components: []
            ).recordCount
        }
    }
}
