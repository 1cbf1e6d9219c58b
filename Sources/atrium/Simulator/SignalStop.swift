import Dispatch
import Foundation

/// SIGINT and SIGTERM stop the simulator cleanly (in-flight messages acknowledged) instead of
/// killing it mid-publish.
final class SignalStop {
    private let sources: [any DispatchSourceSignal]

    init(control: SimulatorControl) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { control.stop() }
            source.resume()
            return source
        }
    }

    func cancel() { for source in sources { source.cancel() } }
}
