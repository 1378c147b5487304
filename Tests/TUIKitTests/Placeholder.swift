import Testing

@Test func placeholder_TUIKitTests() {}
