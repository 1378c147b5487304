/// One write on a Chargify object, as routed: `POST /subscriptions/{id}/{name}` and the like.
struct ActionRequest: @unchecked Sendable {
    /// POST, PUT or DELETE.
    var method: String
    /// The object's id or uid, as in the path.
    var id: String
    /// The last path segment ("retry.json").
    var name: String
    /// The parsed JSON body (`[:]` for none). JSONSerialization's values, read once on the request's task.
    var body: [String: Any]
    var token: String?
    /// The request, for query parameters (`add_coupon.json?code=`).
    var query: SandboxRequest

    /// The subscription id, when the path holds a number.
    var subscriptionID: Int? { Int(id) }

    /// A text field of the object `name` in the body (`{"payment": {"memo": ...}}`).
    func text(_ name: String, _ key: String) -> String? { (body[name] as? [String: Any])?[key] as? String }
}
