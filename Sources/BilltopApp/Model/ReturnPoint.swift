/// Where Esc goes back to: the screen and focused pane before something was opened.
public struct ReturnPoint: Sendable, Equatable {
    public var screen: Screen
    public var focus: Pane

    public init(screen: Screen, focus: Pane) {
        self.screen = screen
        self.focus = focus
    }
}
