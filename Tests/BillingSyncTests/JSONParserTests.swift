import BillingCore
import Foundation
import Testing

@testable import BillingSync

/// The page parser against JSONSerialization (what it replaced) over generated and mutated documents,
/// and its own promises: exact number text, escapes, invalid UTF-8, depth cap, trailing garbage.
@Suite struct JSONParserTests {
    /// A value as both parsers can express it: booleans as numbers (NSNumber cannot tell them apart), and
    /// NUL as its picture U+2400 (this parser keeps it so, since SQLite's text interface ends a string at NUL).
    indirect enum Canon {
        case null, number(Double), string(String), array([Canon]), object([String: Canon])

        init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool(let b): self = .number(b ? 1 : 0)
            case .number(let text): self = .number(Double(text) ?? .nan)
            case .string(let s): self = .string(s)
            case .array(let values): self = .array(values.map(Canon.init))
            case .object(let fields):
                self = .object(Dictionary(fields.pairs.map { ($0.key, Canon($0.value)) }, uniquingKeysWith: { $1 }))
            }
        }

        init(any: Any) {
            let pictured = { (s: String) in s.replacingOccurrences(of: "\u{0}", with: "\u{2400}") }
            if any is NSNull {
                self = .null
            } else if let s = any as? String {
                self = .string(pictured(s))
            } else if let a = any as? [Any] {
                self = .array(a.map { Canon(any: $0) })
            } else if let o = any as? [String: Any] {
                self = .object(Dictionary(o.map { (pictured($0.key), Canon(any: $0.value)) }, uniquingKeysWith: { $1 }))
            } else if let n = any as? NSNumber {
                self = .number(n.doubleValue)
            } else if let b = any as? Bool {
                self = .number(b ? 1 : 0)
            } else {
                self = .string("<unexpected \(type(of: any))>")
            }
        }

        func same(_ other: Canon) -> Bool {
            switch (self, other) {
            case (.null, .null): return true
            case (.number(let a), .number(let b)): return a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
            case (.string(let a), .string(let b)): return a == b
            case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.same($1) }
            case (.object(let a), .object(let b)):
                return a.count == b.count && a.allSatisfy { key, value in b[key].map(value.same) ?? false }
            default: return false
            }
        }
    }

    static func ours(_ text: String) -> Canon? {
        (try? JSONParser.parse(Data(text.utf8)).root).map(Canon.init)
    }

    static func theirs(_ text: String) -> Canon? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))).map { Canon(any: $0) }
    }

    @Test func generatedDocumentsParseAsJSONSerializationParsesThem() {
        var generator = JSONDocumentGenerator(seed: 42)
        for _ in 0..<2_000 {
            let text = generator.document()
            guard let ours = Self.ours(text) else {
                Issue.record("ours refused a valid document: \(text)")
                return
            }
            guard let theirs = Self.theirs(text) else {
                Issue.record("JSONSerialization refused a generated document: \(text)")
                return
            }
            #expect(ours.same(theirs), "\(text)")
        }
    }

    /// Mutated documents (a byte replaced, removed or inserted at an ASCII position): both parsers refuse,
    /// or both accept the same value. The divergences allowed: a mutation that leaves a lone surrogate
    /// escape, which JSONSerialization refuses and this parser reads as U+FFFD, or a number beyond a Double,
    /// which JSONSerialization refuses and this parser keeps as text.
    @Test func mutatedDocumentsAreRefusedOrReadAsJSONSerializationReadsThem() {
        var generator = JSONDocumentGenerator(seed: 7)
        let alphabet = Array(#"{}[],:"\ 0123456789.eE+-tfnulrsa/u"#.utf8)
        var refused = 0
        for _ in 0..<4_000 {
            var bytes = Array(generator.document().utf8)
            for _ in 0...generator.int(2) {
                let positions = bytes.indices.filter { bytes[$0] < 0x80 }
                guard let at = positions.isEmpty ? nil : positions[generator.int(positions.count)] else { break }
                switch generator.int(3) {
                case 0: bytes[at] = alphabet[generator.int(alphabet.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[generator.int(alphabet.count)], at: at)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let (ours, theirs) = (Self.ours(text), Self.theirs(text))
            switch (ours, theirs) {
            case (nil, nil): refused += 1
            case (let ours?, let theirs?): #expect(ours.same(theirs), "\(text)")
            case (_?, nil):
                let loneSurrogate = text.range(of: #"\\u[dD][89a-fA-F]"#, options: .regularExpression) != nil
                let hugeNumber = text.range(of: #"[0-9][eE][+]?[0-9]{3,}"#, options: .regularExpression) != nil
                #expect(loneSurrogate || hugeNumber, "accepted what JSONSerialization refuses: \(text)")
            case (nil, _?): Issue.record("refused what JSONSerialization accepts: \(text)")
            }
        }
        #expect(refused > 500)
    }

    @Test func numbersKeepTheirExactText() throws {
        let root = try JSONParser.parse(Data(#"{"a": 12.10, "b": -0.5e+3, "c": 1200}"#.utf8)).root
        let fields = try #require(root.objectValue)
        guard case .number("12.10")? = fields["a"], case .number("-0.5e+3")? = fields["b"],
            case .number("1200")? = fields["c"]
        else {
            Issue.record("numbers changed: \(root.compactText)")
            return
        }
    }

    /// A number beyond a Double or an Int64 is a value like any other: the page parses, and only a field
    /// reader that wants it (`JSONNumber`) judges it. JSONSerialization refused the whole page.
    @Test func numbersOfAnySizeAreKeptAsText() throws {
        let root = try JSONParser.parse(
            Data(#"[1e400, 123456789012345678901234567890, -1E-400, {"a": 9e999999999}]"#.utf8)
        ).root
        #expect(root.compactText == #"[1e400,123456789012345678901234567890,-1E-400,{"a":9e999999999}]"#)
    }

    /// An escaped NUL is kept as its picture U+2400: SQLite's text interface (through GRDB) ends a string at
    /// NUL, so "a\u0000@x.test" used to be stored and shown as "a".
    @Test func anEscapedNulIsKeptAsItsPicture() throws {
        let text = try JSONParser.parse(Data(#"["a\u0000@x.test"]"#.utf8)).root.arrayValue?.first?.stringValue
        #expect(text == "a\u{2400}@x.test")
    }

    @Test func escapesSurrogatesAndInvalidUTF8() throws {
        func text(_ body: [UInt8]) throws -> String? {
            try JSONParser.parse(Data(body)).root.arrayValue?.first?.stringValue
        }
        #expect(try text(Array(#"["\ud83d\ude00 \u00e9\n\"\\\/\b\f\r\t"]"#.utf8)) == "😀 é\n\"\\/\u{08}\u{0C}\r\t")
        // A lone surrogate (high or low), or a high one followed by an escape that is not a low one: U+FFFD.
        #expect(try text(Array(#"["a\ud83db"]"#.utf8)) == "a\u{FFFD}b")
        #expect(try text(Array(#"["\ude00"]"#.utf8)) == "\u{FFFD}")
        #expect(try text(Array(#"["\ud83d\u0041"]"#.utf8)) == "\u{FFFD}A")
        // Invalid UTF-8 bytes are replaced, in plain and escaped strings alike.
        #expect(try text([0x5B, 0x22, 0x61, 0xFF, 0x62, 0x22, 0x5D]) == "a\u{FFFD}b")
        #expect(try text([0x5B, 0x22, 0xC3, 0x5C, 0x6E, 0x22, 0x5D]) == "\u{FFFD}\n")
        for bad in [#"["\x"]"#, #"["\u12"]"#, #"["\u12G4"]"#, "[\"a\u{01}\"]", #"["abc"#, #"["\"#] {
            #expect(throws: JSONBody.NotJSON.self, "\(bad)") { try JSONParser.parse(Data(bad.utf8)) }
        }
    }

    @Test func refusesTrailingGarbageScalarsAndDeepNesting() throws {
        for bad in [
            "[1] x", "{} {}", "[1],", "12", "\"text\"", "", "  ", "<html>", "[01]", "[1.]", "[.5]", "[-]", "[1e]",
            "[tru]", "[nul]", "[1,,]", "[,]", "{,}", "[1e]", "{\"a\" 1}", "{a:1}", "[1 2]",
        ] {
            #expect(throws: JSONBody.NotJSON.self, "\(bad)") { try JSONParser.parse(Data(bad.utf8)) }
        }
        // One trailing comma is not JSON, but JSONSerialization read it, so it is read here too.
        #expect(try JSONParser.parse(Data("[1, {\"a\": [2,],},\n]".utf8)).root.compactText == #"[1,{"a":[2]}]"#)
        let limit = JSONParser.maximumDepth
        #expect(
            try JSONParser.parse(
                Data((String(repeating: "[", count: limit) + String(repeating: "]", count: limit)).utf8)
            ).root.arrayValue != nil)
        let deeper = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONBody.NotJSON.self) { try JSONParser.parse(Data(deeper.utf8)) }
        let hostile = String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONBody.NotJSON.self) { try JSONParser.parse(Data(hostile.utf8)) }
    }

    /// The recorded element ranges are the elements' exact bytes: of the root array, or of the array under
    /// the key in the root object (the last one when the key repeats), whatever whitespace surrounds them.
    @Test func elementRangesAreTheElementsBytes() throws {
        var generator = JSONDocumentGenerator(seed: 3)
        for _ in 0..<300 {
            let elements = (0..<generator.int(5)).map { _ in generator.value(depth: 1) }
            let list = "[" + elements.map { generator.space() + $0 + generator.space() }.joined(separator: ",") + "]"
            for (body, key) in [
                (list, nil), (#"{"x": [1], "result" :\#(list), "next_cursor": "c"}"#, "result"),
                (#"{"result": [0, 1, 2, 3, 4, 5], "result": \#(list)}"#, "result"),
            ] {
                let data = Data(body.utf8)
                let ranges = try JSONParser.parse(data, elementsOf: key).elementRanges
                #expect(ranges.map { String(decoding: data[$0], as: UTF8.self) } == elements, "\(body)")
            }
        }
    }

    @Test func compactTextReadsBackAsTheSameValue() throws {
        var generator = JSONDocumentGenerator(seed: 11)
        for _ in 0..<500 {
            let root = try JSONParser.parse(Data(generator.document().utf8)).root
            let again = try JSONParser.parse(Data(root.compactText.utf8)).root
            #expect(Canon(again).same(Canon(root)) && again.compactText == root.compactText)
            #expect(Self.theirs(root.compactText).map { $0.same(Canon(root)) } == true, "\(root.compactText)")
        }
    }
}
