import Foundation
import Sandbox
import Testing

/// The `--hostile` sandbox company (CSI/OSC sequences, title and hyperlink setters, raw C1, CR, LF, BS,
/// NUL, U+202E, formula prefixes) synced by the real binary, then read back by every read command as a
/// table, JSON and CSV: no control character from data reaches any output, the log or stderr.
@Suite(.serialized) struct ReliabilityHostileTests {
    static let asOf = "2026-06-20"

    /// Scalars no output may carry: C0 other than LF (and CR as the CSV line end), DEL, C1, bidi and
    /// invisible formatting controls.
    static func forbidden(_ scalar: Unicode.Scalar, allowCR: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0x0D: return !allowCR
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0x2028, 0x2029, 0xFEFF: return true
        default: return false
        }
    }

    /// Records an issue for each forbidden byte sequence in `data`, which must also be valid UTF-8
    /// (a raw C1 byte is not).
    static func expectInert(_ data: Data, csv: Bool = false, context: String) {
        guard let text = String(validating: data, as: UTF8.self) else {
            Issue.record("\(context): output is not valid UTF-8 (a raw C1 byte?)")
            return
        }
        if csv {
            // CR only as the CRLF record end.
            let bare = text.replacingOccurrences(of: "\r\n", with: "\n")
            if bare.contains("\r") { Issue.record("\(context): a bare CR") }
        }
        let bad = text.unicodeScalars.filter { forbidden($0, allowCR: csv) }
        if !bad.isEmpty {
            let shown = Set(bad.map { String(format: "U+%04X", $0.value) }).sorted().joined(separator: " ")
            Issue.record("\(context): \(bad.count) control characters from data reached the output: \(shown)")
        }
    }

    /// RFC 4180 cells (quoted cells may hold commas and quotes).
    static func csvCells(_ text: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars = chars.dropFirst() } else { quoted = false }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," || c == "\n" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
        }
        if !cell.isEmpty { cells.append(cell) }
        return cells
    }

    @Test func hostileDataReachesNoOutputAsControlBytes() async throws {
        let config = SandboxConfiguration(seed: 21, customers: 60, hostileStrings: true)
        let server = try await SandboxServer.start(config)
        let work = try ReliabilityProcess.workDirectory("hostile")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(
            home: work, extra: ["BILLTOP_API_KEY": config.chargifyAPIKey, "BILLTOP_LOG_LEVEL": "debug"])
        let db = work.appendingPathComponent("store.sqlite").path
        // The generated fragments never start a cell with a formula character (they are led by a control
        // that is sanitised first), so add a customer whose fields do, through the sandbox's write API.
        let status = try await ReliabilityProcess.postCustomer(
            server.baseURL, key: config.chargifyAPIKey,
            fields: [
                "first_name": "=HYPERLINK(\"http://127.0.0.1/x\")", "last_name": "-2+3", "email": "formula@example.com",
                "organization": "+SUM(A1:A9)", "reference": "@cmd",
            ])
        #expect(status == 201, "the sandbox refused the formula customer")
        let sync = try await ReliabilityProcess.run(
            ["sync", "--once", "--chargify", server.baseURL, "--db", db], environment: env, directory: work)
        await server.stop()
        #expect(sync.status == 0, "\(sync.stderrText)")
        Self.expectInert(sync.stdout, context: "sync stdout")
        Self.expectInert(sync.stderr, context: "sync stderr")
        let logData = (try? Data(contentsOf: URL(fileURLWithPath: work.path + "/state/billtop/billtop.log"))) ?? Data()
        Self.expectInert(logData, context: "log file")

        // A customer whose own name is hostile, found from the generator (same seed, same company).
        let company = CompanyGenerator.generate(config)
        let hostile = try #require(
            company.customers.first { ($0.firstName + $0.lastName + $0.organization).contains("\u{1B}") },
            "the hostile company has no name with an escape sequence")

        var commands: [[String]] = [
            ["customers"], ["customers", "--limit", "100"], ["invoices", "--limit", "500"],
            ["customer", "\(hostile.id)"],
        ]
        commands = commands.map { $0 + ["--db", db] }
        commands.append(["dunning", "--db", db, "--as-of", Self.asOf, "--limit", "500"])
        var sawPlaceholder = false
        var sawFormula = false
        for command in commands {
            for format in [[], ["--json"], ["--csv"]] {
                let context = "billtop \(command.first!) \(format.first ?? "table")"
                let result = try await ReliabilityProcess.run(command + format, environment: env, directory: work)
                #expect(result.status == 0, "\(context): \(result.stderrText)")
                #expect(!result.stdout.isEmpty, "\(context) printed nothing")
                Self.expectInert(result.stdout, csv: format == ["--csv"], context: context)
                Self.expectInert(result.stderr, context: context + " stderr")
                let text = result.stdoutText
                if text.contains("\u{241B}") || text.contains("\u{FFFD}") { sawPlaceholder = true }
                if format == ["--json"] {
                    #expect((try? JSONSerialization.jsonObject(with: result.stdout)) != nil, "\(context): not JSON")
                    // Escaped controls (\u001b) are inert in the bytes but would come back on parsing.
                    #expect(
                        !text.contains("\\u001b") && !text.contains("\\u0000"),
                        "\(context): an escaped control character")
                }
                if format == ["--csv"] {
                    if text.contains("formula@example.com") {
                        sawFormula = true
                        #expect(text.contains("'=HYPERLINK"), "\(context): the formula cell was not neutralised")
                    }
                    for cell in Self.csvCells(text) {
                        guard let first = cell.first, "=+-@".contains(first) else { continue }
                        #expect(Double(cell) != nil, "\(context): a formula cell reaches a spreadsheet: \(cell)")
                    }
                }
            }
        }
        #expect(sawFormula, "the formula customer reached no CSV output: the formula check proved nothing")
        #expect(sawPlaceholder, "no hostile text reached any output as a placeholder: the test proved nothing")
    }
}
