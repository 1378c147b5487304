/// Each action in a person's words, one way for the dashboard's menu, the shell's prompts and every outcome line.
extension ActionKind {
    /// What the action does to `object` ("invoice 1042", "subscription 88231"; "" when the object goes unsaid):
    /// "resend invoice 1042", "cancel subscription 88231 at the period's end".
    public func phrase(_ object: String) -> String {
        let invoice = object.isEmpty ? "an invoice" : object
        let subscription = object.isEmpty ? "a subscription" : object
        switch self {
        case .resendInvoice: return "resend \(invoice)"
        case .recordPayment: return "record a payment on \(invoice)"
        case .cardUpdateEmail:
            return object.isEmpty ? "send the card-update e-mail" : "send the card-update e-mail for \(object)"
        case .addNote: return "add a note to \(subscription)"
        case .retry: return "retry the payment of \(subscription)"
        case .cancelDunning: return "stop dunning \(subscription)"
        case .pause: return "pause \(subscription)"
        case .resume: return "resume \(subscription)"
        case .cancelAtPeriodEnd: return "cancel \(subscription) at the period's end"
        case .undoCancel: return "undo the cancellation of \(subscription)"
        case .reactivate: return "reactivate \(subscription)"
        case .addCoupon: return "apply a coupon to \(subscription)"
        case .createCustomer: return object.isEmpty ? "create a customer" : "create customer \(object)"
        }
    }
}
