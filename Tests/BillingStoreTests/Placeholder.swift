import Testing

@Test func placeholder_BillingStoreTests() {}
