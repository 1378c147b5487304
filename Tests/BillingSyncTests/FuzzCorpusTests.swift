import Foundation
import Testing

@testable import BillingSync

/// The parser and mappers against hostile bodies, in the ordinary suite: every input the fuzzer was seeded
/// with or found a crash with (`Tests/Fuzz`, see `.ci/fuzz`), then a bounded, seeded set of mutations of the
/// real pages (truncation, byte flips, numbers of any size, deep nesting, long strings, NUL, invalid UTF-8).
/// Each goes through `PageDecoding.exercise`: a trap fails the whole run, a broken promise fails the test.
@Suite struct FuzzCorpusTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ folder: String) throws -> [(name: String, body: Data)] {
        let directory = fuzzDirectory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { name in
            (name, try Data(contentsOf: directory.appendingPathComponent(name)))
        }
    }

    @Test func everySeedAndRegressionInputKeepsThePromises() throws {
        let seeds = try Self.inputs("seeds")
        let regressions = try Self.inputs("regressions").filter { $0.name != "README.md" }
        #expect(seeds.count >= 9, "the seed corpus is missing")
        var records = 0
        for (name, body) in seeds + regressions {
            let result = PageDecoding.exercise(body)
            #expect(result.problems.isEmpty, "\(name): \(result.problems)")
            records += result.records
        }
        #expect(records > 30, "the real pages should map to records")
    }

    /// A small deterministic generator (xorshift64*), so a failure names a reproducible input.
    struct Mutator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }

        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

        /// Positions of `byte` in `bytes` (where a value or a string starts).
        func positions(of byte: UInt8, in bytes: [UInt8]) -> [Int] { bytes.indices.filter { bytes[$0] == byte } }

        mutating func mutate(_ page: [UInt8]) -> [UInt8] {
            var bytes = page
            switch int(9) {
            case 0: bytes = Array(bytes.prefix(int(bytes.count)))
            case 1:
                for _ in 0...int(4) where !bytes.isEmpty { bytes[int(bytes.count)] = UInt8(truncatingIfNeeded: next()) }
            case 2:
                // A number of any size where a value begins (after a colon).
                let numbers = [
                    "1e400", "-1E-400", "123456789012345678901234567890", "9223372036854775807", "-9223372036854775808",
                    "1e18", "0.000000000000000000000000001", "1" + String(repeating: "0", count: 5_000),
                ]
                let at = positions(of: UInt8(ascii: ":"), in: bytes)
                if let colon = at.isEmpty ? nil : at[int(at.count)] {
                    bytes.insert(contentsOf: Array((numbers[int(numbers.count)] + ",\"x\":").utf8), at: colon + 1)
                }
            case 3:
                // Nesting around the limit (100) and far beyond it, where a value begins.
                let depth = [99, 100, 101, 5_000][int(4)]
                let at = positions(of: UInt8(ascii: ":"), in: bytes)
                if let colon = at.isEmpty ? nil : at[int(at.count)] {
                    let open = int(2) == 0 ? "[" : "{\"k\":"
                    let close = open == "[" ? "]" : "}"
                    let nested = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
                    bytes.insert(contentsOf: Array((nested + ",\"y\":").utf8), at: colon + 1)
                }
            case 4:
                // A long string inside an existing one.
                let at = positions(of: UInt8(ascii: "\""), in: bytes)
                if let quote = at.isEmpty ? nil : at[int(at.count)] {
                    bytes.insert(
                        contentsOf: Array(repeating: UInt8(ascii: "w"), count: [3_000, 70_000][int(2)]), at: quote + 1)
                }
            case 5:
                // Escapes: NUL, lone and paired surrogates, a cut escape.
                let escapes = [#"\u0000"#, #"\ud800"#, #"\udc00x"#, #"\ud83d\ude00"#, #"\u12"#, #"\"#]
                let at = positions(of: UInt8(ascii: "\""), in: bytes)
                if let quote = at.isEmpty ? nil : at[int(at.count)] {
                    bytes.insert(contentsOf: Array(escapes[int(escapes.count)].utf8), at: quote + 1)
                }
            case 6:
                // Invalid UTF-8: a stray continuation byte, a cut sequence, an overlong NUL, 0xFF.
                let junk: [[UInt8]] = [[0x80], [0xC3], [0xE2, 0x82], [0xC0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80]]
                if !bytes.isEmpty { bytes.insert(contentsOf: junk[int(junk.count)], at: int(bytes.count)) }
            case 7:
                // A value replaced by another kind (`{}`, `[]`, `null`, `true`, a date far away).
                let values = ["{}", "[]", "null", "true", "\"0001-01-01\"", "\"9999-12-31T23:59:59+99:99\"", "-0"]
                let at = positions(of: UInt8(ascii: ":"), in: bytes)
                if let colon = at.isEmpty ? nil : at[int(at.count)] {
                    let end =
                        bytes[(colon + 1)...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") }
                        ?? bytes.count
                    bytes.replaceSubrange((colon + 1)..<end, with: Array(values[int(values.count)].utf8))
                }
            default:
                // A slice of the page repeated (duplicate keys and elements).
                if !bytes.isEmpty {
                    let start = int(bytes.count)
                    let slice = bytes[start..<min(bytes.count, start + int(200))]
                    bytes.insert(contentsOf: slice, at: int(bytes.count))
                }
            }
            return bytes
        }
    }

    /// About 800 mutated pages: a few seconds in a debug build. The fuzzer (`.ci/fuzz`) goes much further.
    @Test func seededMutationsOfRealPagesKeepThePromises() throws {
        var mutator = Mutator(state: 0x9E37_79B9_7F4A_7C15)
        var problems: [String] = []
        var accepted = 0
        for (name, body) in try Self.inputs("seeds") {
            for round in 0..<80 {
                var bytes = Array(body)
                for _ in 0...mutator.int(2) { bytes = mutator.mutate(bytes) }
                let result = PageDecoding.exercise(Data(bytes))
                if result.records > 0 { accepted += 1 }
                if !result.problems.isEmpty { problems.append("\(name) round \(round): \(result.problems)") }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(
            accepted > 150, "too few mutated pages still mapped records (\(accepted)): the mutations test only refusals"
        )
    }
}
