import Dispatch
import Foundation

/// Turns SIGINT/SIGTERM into a callback for as long as it is held, instead of killing the
/// process, so a run can stop cleanly and leave no partial output.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    /// Starts catching `signals`; `handler` runs on each delivery.
    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    /// Stops catching the signals.
    func release() {
        for source in sources { source.cancel() }
    }
}
