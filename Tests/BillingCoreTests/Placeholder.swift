import Testing

@Test func placeholder_BillingCoreTests() {}
