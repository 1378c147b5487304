import Foundation
import Testing
import TUIKit

/// Compares a grid with Snapshots/NAME.txt (text, then the style mask); RECORD_SNAPSHOTS=1 rewrites the file.
enum SnapshotAssertion {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// One character per cell saying which role styles it (spaces in plain text stay spaces).
    static func styleMask(_ grid: CellGrid) -> String {
        (0..<grid.height).map { y -> String in
            var line = ""
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.style.role == .text && cell.grapheme == " " && !cell.style.reverse { line.append(" ") } else { line.append(code(cell.style.role)) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    static func code(_ role: StyleRole) -> Character {
        switch role {
        case .text: "."
        case .muted: "m"
        case .header: "h"
        case .title: "T"
        case .border: "b"
        case .borderFocused: "B"
        case .selection: "S"
        case .selectionUnfocused: "s"
        case .ok: "o"
        case .warn: "w"
        case .danger: "d"
        case .money: "$"
        case .accent: "a"
        case .input: "i"
        case .footerKey: "K"
        case .footer: "f"
        case .status: "t"
        case .placeholder: "p"
        }
    }

    static func document(_ grid: CellGrid) -> String {
        "# text \(grid.width)x\(grid.height)\n" + grid.text + "\n# style mask\n" + styleMask(grid) + "\n"
    }

    static func assertMatches(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = document(grid)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt; record with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "snapshot \(name) differs; re-record with RECORD_SNAPSHOTS=1 if intended", sourceLocation: sourceLocation)
    }
}
