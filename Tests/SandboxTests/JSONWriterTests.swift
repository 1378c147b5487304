import BillingCore
import Testing

@testable import Sandbox

/// The writer's staged fields (key, punctuation and value appended in one copy) spell every value
/// exactly as the APIs do, at the edges too.
@Suite struct JSONWriterTests {
    static func written(_ body: (inout JSONWriter) -> Void) -> String {
        var w = JSONWriter()
        w.object(body)
        return w.string
    }

    @Test func amountsKeepTheirCurrencysDigitsWhenCurrenciesAlternate() {
        let text = Self.written { w in
            w.money("a", 120_000, .usd)
            w.money("b", -5, .usd)
            w.money("c", 1_500, .jpy)
            w.money("d", 5, .kwd)
            w.money("e", 0, .eur)
            w.money("f", Int64.min, .usd)
            w.money("g", -1_234, .jpy)
        }
        #expect(
            text
                == #"{"a":"1200.00","b":"-0.05","c":"1500","d":"0.005","e":"0.00","f":"-92233720368547758.08","g":"-1234"}"#
        )
    }

    @Test func numbersTimesDatesAndLiteralsAreExact() {
        let text = Self.written { w in
            w.field("n", 0)
            w.field("m", Int64.max)
            w.field("o", Int?.none)
            w.quoted("q", 42, suffix: ".0")
            w.field("t", true)
            w.field("s", nonEmpty: "")
            w.time("u", 784_111_777, offset: 0)
            w.time("v", 784_111_777, offset: -5 * 3_600 - 1_800)
            w.time("w", -1, offset: 3_600)
            w.date("x", 0)
            w.date("y", Int?.none)
            w.field("z", "a\"b\u{1}")
        }
        #expect(
            text == #"{"n":0,"m":9223372036854775807,"o":null,"q":"42.0","t":true,"s":null,"#
                + #""u":"1994-11-06T08:49:37Z","v":"1994-11-06T03:19:37-05:30","w":"1970-01-01T00:59:59+01:00","#
                + #""x":"1970-01-01","y":null,"z":"a\"b\u0001"}"#)
    }

    @Test func aKeyTooLongToStageIsWrittenWhole() {
        let text = Self.written { w in
            w.field("a_key_that_is_far_longer_than_any_the_encoders_use_and_longer_than_a_stage_holds", 7)
            w.field("b", 8)
        }
        #expect(
            text == #"{"a_key_that_is_far_longer_than_any_the_encoders_use_and_longer_than_a_stage_holds":7,"b":8}"#)
    }
}
