import Testing

@testable import BillingSync

/// Query strings and path segments built from values the API or the user sent.
struct QueryTests {
    @Test func valuesAreEncodedWhateverTheyHold() {
        #expect(
            Query.make([("subscription_ids", "1,2"), ("q", "a b+c&d=[e]")])
                == "subscription_ids=1%2C2&q=a%20b%2Bc%26d%3D%5Be%5D")
    }

    @Test func anIdCannotLeaveItsPathSegment() {
        #expect(Query.segment("123") == "123")
        #expect(Query.segment("sub_9x-Y.z~") == "sub_9x-Y.z~")
        #expect(Query.segment("1/../../customers.json?page=2#x") == "1%2F..%2F..%2Fcustomers.json%3Fpage%3D2%23x")
        #expect(Query.segment("..") == "%2E%2E")
        #expect(Query.segment(".") == "%2E")
        #expect(Query.segment("a\u{1B}[2J") == "a%1B%5B2J")
    }
}
