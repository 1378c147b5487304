import TUIKit

/// The bottom line: the keys that work here, read from the keymap. Help and quit always keep their place.
public enum FooterView {
    public static func render(_ s: AppState, into grid: inout CellGrid, rect: Rect) {
        let entries = AppKeymap.footer(in: s.activeContexts)
        let pinned = entries.filter { $0.action == .help || $0.action == .quit }
        let others = entries.filter { $0.action != .help && $0.action != .quit }
        Footer(others.map(hint), pinned: pinned.map(hint)).render(into: &grid, in: rect)
    }

    static func hint(_ entry: KeyBinding<Command>) -> KeyHint {
        KeyHint(key: entry.keys.first?.label ?? "", text: entry.help)
    }
}
