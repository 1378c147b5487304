import TUIKit

/// Turns terminal input into actions through the keymap (the only place keys are interpreted).
public enum Dispatcher {
    /// The action for an input in a state, or nil when it does nothing here.
    public static func action(for input: KeyEvent, in state: AppState) -> Action? {
        switch input {
        case .resize(let w, let h): return .resize(width: w, height: h)
        case .mouse(let mouse):
            switch mouse.kind {
            case .press(1): return .click(x: mouse.x, y: mouse.y)
            case .wheelUp: return .wheel(up: true, x: mouse.x, y: mouse.y)
            case .wheelDown: return .wheel(up: false, x: mouse.x, y: mouse.y)
            default: return nil
            }
        default:
            let contexts = state.activeContexts
            if let command = AppKeymap.command(for: input, in: contexts) { return .command(command) }
            if contexts.contains(.search) || contexts.contains(.actionForm), case .char(let c) = input {
                return .type(c)
            }
            return nil
        }
    }
}
