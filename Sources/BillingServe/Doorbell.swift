/// Wakes serve's loop: a ring (a NOTIFY of a request or a webhook, a stop) ends the current wait at once, and a
/// ring while nobody waits is kept for the next wait, so no wake-up is lost between two waits.
actor Doorbell {
    private var rung = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    func ring() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            rung = true
        }
    }

    /// Returns at the next ring, or after `limit` (the loop's tick) when none comes.
    func wait(upTo limit: Duration) async {
        if rung {
            rung = false
            return
        }
        generation += 1
        let mine = generation
        let timer = Task {
            try? await Task.sleep(for: limit)
            self.expire(mine)
        }
        await withCheckedContinuation { waiter = $0 }
        timer.cancel()
    }

    private func expire(_ generation: Int) {
        guard generation == self.generation, let waiter else { return }
        self.waiter = nil
        waiter.resume()
    }
}
