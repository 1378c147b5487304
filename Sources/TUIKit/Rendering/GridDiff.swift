/// The cells that changed between two frames, as runs along rows: what a terminal driver must write.
///
/// Moving a selection one row changes two rows, so only those are repainted (htop's habit). Wide
/// graphemes are kept whole: a run never starts on a continuation cell or ends before one.
public enum GridDiff {
    /// A horizontal run of cells to write starting at (x, y).
    public struct Run: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]

        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }
    }

    /// Runs that turn `previous` into `next`; with no previous frame (or a size change) every row is one run.
    /// Unchanged gaps of up to `mergeGap` cells inside a row are written through: that is cheaper than a
    /// cursor move (which costs ~6-8 bytes).
    public static func runs(from previous: CellGrid?, to next: CellGrid, mergeGap: Int = 0) -> [Run] {
        let width = next.width
        guard let previous, previous.width == width, previous.height == next.height else {
            return (0..<next.height).map { y in
                Run(x: 0, y: y, cells: Array(next.cells[(y * width)..<((y + 1) * width)]))
            }
        }
        var out: [Run] = []
        for y in 0..<next.height {
            let base = y * width
            var x = 0
            var current: (start: Int, end: Int)? = nil
            while x < width {
                if previous.cells[base + x] == next.cells[base + x] {
                    x += 1
                    continue
                }
                var start = x
                var end = x + 1
                // Keep wide graphemes whole on both sides.
                if next.cells[base + start].isContinuation || previous.cells[base + start].isContinuation, start > 0 {
                    start -= 1
                }
                while end < width, next.cells[base + end].isContinuation || previous.cells[base + end].isContinuation {
                    end += 1
                }
                if let open = current, start - open.end <= mergeGap {
                    current = (open.start, max(open.end, end))
                } else {
                    if let open = current { out.append(run(next, y: y, open.start, open.end)) }
                    current = (start, end)
                }
                x = end
            }
            if let open = current { out.append(run(next, y: y, open.start, open.end)) }
        }
        return out
    }

    /// Number of cells the runs write.
    public static func cellCount(_ runs: [Run]) -> Int { runs.reduce(0) { $0 + $1.cells.count } }

    static func run(_ grid: CellGrid, y: Int, _ start: Int, _ end: Int) -> Run {
        Run(x: start, y: y, cells: Array(grid.cells[(y * grid.width + start)..<(y * grid.width + end)]))
    }
}
