import BillingCore
import Foundation
import Testing

/// Invoice statuses and subscription states share one mapping (APIVocabulary); each keeps its own table.
@Suite struct APIVocabularyTests {
    @Test func everyKnownSpellingMapsBothWays() {
        for (value, spellings) in InvoiceStatus.spellings {
            #expect(value.apiValue == spellings[0] && value.description == spellings[0])
            for spelling in spellings { #expect(InvoiceStatus(apiValue: spelling) == value, "\(spelling)") }
        }
        for (value, spellings) in SubscriptionState.spellings {
            #expect(value.apiValue == spellings[0] && value.description == spellings[0])
            for spelling in spellings { #expect(SubscriptionState(apiValue: spelling) == value, "\(spelling)") }
        }
        #expect(InvoiceStatus.spellings.count == 9 && SubscriptionState.spellings.count == 15)
    }

    @Test func theSpellingsAsBefore() {
        #expect(InvoiceStatus(apiValue: "void") == .voided && InvoiceStatus.voided.apiValue == "voided")
        #expect(InvoiceStatus(apiValue: "cancelled") == .canceled)
        #expect(SubscriptionState(apiValue: "cancelled") == .canceled)
        #expect(SubscriptionState.pastDue.apiValue == "past_due" && SubscriptionState(apiValue: "on_hold") == .onHold)
        // Invoice statuses match in any case, subscription states exactly; unknown ones stay verbatim.
        #expect(InvoiceStatus(apiValue: "PAID") == .paid)
        #expect(SubscriptionState(apiValue: "Active") == .other("Active"))
        #expect(InvoiceStatus(apiValue: "Archived") == .other("Archived"))
        #expect(InvoiceStatus.other("Archived").apiValue == "Archived")
        #expect(SubscriptionState.other("frozen").description == "frozen")
    }

    @Test func codableAsTheAPISpelling() throws {
        let encoded = try JSONEncoder().encode([InvoiceStatus.voided, .other("Archived")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["voided","Archived"]"#)
        let json = Data(#"["past_due","cancelled","x"]"#.utf8)
        let states = try JSONDecoder().decode([SubscriptionState].self, from: json)
        #expect(states == [.pastDue, .canceled, .other("x")])
        #expect(String(decoding: try JSONEncoder().encode(states), as: UTF8.self) == #"["past_due","canceled","x"]"#)
    }
}
