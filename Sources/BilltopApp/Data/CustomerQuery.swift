import BillingCore

/// What the customers pane asks for: a type-ahead text (name, email, organisation, reference, id) and a sort.
/// The store answers exactly this query, so the pane and the store share one type.
public typealias CustomerQuery = CustomerListQuery
