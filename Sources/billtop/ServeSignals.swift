import Foundation

/// SIGTERM (systemd's stop) and SIGINT (Ctrl-C) ask serve to stop cleanly instead of killing it: the handler
/// runs on a dispatch queue, never in signal context, and asks once; a second signal kills as usual.
struct ServeSignals {
    private let sources: [any DispatchSourceSignal]

    static func install(_ stop: @escaping @Sendable () -> Void) -> ServeSignals {
        let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                signal(number, SIG_DFL)
                stop()
            }
            source.resume()
            return source
        }
        return ServeSignals(sources: sources)
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
