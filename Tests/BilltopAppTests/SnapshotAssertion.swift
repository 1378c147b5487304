import Foundation
import TUIKit
import TUITestSupport
import Testing

/// Compares a grid with Snapshots/NAME.txt (text, then the style mask; each cell's letter from `GridSnapshot`).
enum SnapshotAssertion {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    /// One character per cell saying which role styles it (spaces in plain text stay spaces).
    static func styleMask(_ grid: CellGrid) -> String {
        (0..<grid.height).map { y -> String in
            var line = ""
            for x in 0..<grid.width {
                let cell = grid[x, y]
                let plain = cell.style.role == .text && cell.grapheme == " " && !cell.style.reverse
                line.append(plain ? " " : GridSnapshot.maskCharacter(for: cell.style.role))
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    static func document(_ grid: CellGrid) -> String {
        "# text \(grid.width)x\(grid.height)\n" + grid.text + "\n# style mask\n" + styleMask(grid) + "\n"
    }

    /// Records the file (and fails) when RECORD_SNAPSHOTS=1 or it is missing: see `SnapshotFile`.
    static func assertMatches(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        do {
            try SnapshotFile.assertMatches(document(grid), path: directory.appendingPathComponent(name + ".txt").path)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }
}
