/// The result of one reducer step: the new state, the work to do, and what to redraw.
public struct Reduction: Sendable {
    public var state: AppState
    public var effects: [Effect]
    public var redraw: Redraw

    public init(state: AppState, effects: [Effect], redraw: Redraw) {
        self.state = state
        self.effects = effects
        self.redraw = redraw
    }
}
