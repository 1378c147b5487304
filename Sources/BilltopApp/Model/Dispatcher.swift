/// Turns input into actions through the keymap (the only place keys are interpreted).
public enum Dispatcher {
    /// The action for an input in a state, or nil when the key does nothing here.
    public static func action(for input: InputEvent, in state: AppState) -> Action? {
        switch input {
        case .resize(let w, let h): return .resize(width: w, height: h)
        case .click(let x, let y): return .click(x: x, y: y)
        case .wheel(let up, let x, let y): return .wheel(up: up, x: x, y: y)
        case .key(let key):
            let contexts = state.activeContexts
            if let command = Keymap.command(for: key, in: contexts) { return .command(command) }
            if contexts.contains(.search), case .char(let c) = key { return .type(c) }
            return nil
        }
    }
}
