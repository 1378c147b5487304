import Testing

@Test func placeholder_BilltopAppTests() {}
