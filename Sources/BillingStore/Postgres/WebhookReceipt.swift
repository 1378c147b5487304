/// A webhook serve accepted and has not yet acted on: the objects it names wait for the source's leader.
public struct WebhookReceipt: Sendable, Equatable {
    public let id: Int64
    public let provider: String
    public let sourceID: Int64
    public let webhookID: String
    public let event: String
    public let targets: [WebhookTarget]

    public init(
        id: Int64, provider: String, sourceID: Int64, webhookID: String, event: String, targets: [WebhookTarget]
    ) {
        self.id = id
        self.provider = provider
        self.sourceID = sourceID
        self.webhookID = webhookID
        self.event = event
        self.targets = targets
    }
}
