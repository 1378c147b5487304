import Testing

@Test func placeholder_BillingSyncTests() {}
