import TUIKit

/// The status line: the last error or confirmation, sanitised, one line.
public enum StatusLineView {
    public static func render(_ s: AppState, into grid: inout CellGrid, rect: Rect) {
        guard let status = s.status else { return }
        let style = CellStyle(status.isError ? .danger : .status, bold: status.isError)
        grid.fill(rect, with: Cell(" ", style: style))
        let prefix = status.isError ? " error: " : " "
        let suffix = status.isError ? "  (L: log)" : ""
        grid.field(prefix + status.text + suffix, x: rect.x, y: rect.y, width: rect.width, style: style)
    }
}
