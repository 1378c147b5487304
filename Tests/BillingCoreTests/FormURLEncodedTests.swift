import BillingCore
import Testing

/// The one form decoder (serve's webhook bodies, the sandbox's query strings).
@Suite struct FormURLEncodedTests {
    private func pairs(_ text: String) -> [String] {
        FormURLEncoded.parse(Array(text.utf8)).map { "\($0.name)=\($0.value)" }
    }

    @Test func plusIsASpaceAndEscapesAreBytesReadAsUTF8() {
        #expect(pairs("a=b+c&payload%5Bid%5D=42&name=J%C3%BCrgen") == ["a=b c", "payload[id]=42", "name=Jürgen"])
    }

    @Test func orderEmptyValuesAndMalformedEscapesAreKept() {
        #expect(pairs("z=1&&a&b=%G1&c=%4") == ["z=1", "a=", "b=%G1", "c=%4"])
        #expect(pairs("k=%FF") == ["k=\u{FFFD}"])
    }

    @Test func hexDigitsInEitherCase() {
        #expect(FormURLEncoded.hex(UInt8(ascii: "f")) == 15 && FormURLEncoded.hex(UInt8(ascii: "A")) == 10)
        #expect(FormURLEncoded.hex(UInt8(ascii: "g")) == nil)
    }
}
