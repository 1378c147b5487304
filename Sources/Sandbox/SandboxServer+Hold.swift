import Synchronization

extension SandboxServer {
    /// How many write responses are being held now (`FaultPlan.holdWriteResponseMilliseconds`): a test waits
    /// for 1 to know the write is done and its answer not yet sent.
    public func heldResponses() -> Int {
        state.withLock { $0.holding }
    }

    /// Lets every held response go now, so a test need not sit out a long hold once it has struck.
    public func releaseHeldResponses() {
        state.withLock { $0.holdReleases += 1 }
    }

    /// Waits `milliseconds`, or until `releaseHeldResponses`, in short sleeps (no timer to cancel).
    func holdResponse(milliseconds: Int) async {
        let release = state.withLock { state -> Int in
            state.holding += 1
            return state.holdReleases
        }
        defer { state.withLock { $0.holding -= 1 } }
        let deadline = ContinuousClock.now + .milliseconds(milliseconds)
        while ContinuousClock.now < deadline, state.withLock({ $0.holdReleases }) == release {
            try? await Task.sleep(for: .milliseconds(min(10, milliseconds)))
        }
    }
}
