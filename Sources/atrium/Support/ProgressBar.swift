import Foundation
import Synchronization
import TwinDomain

/// Import progress on stderr: a redrawn bar on a terminal, plain lines (one per phase and per
/// 10 %, with the elapsed time, which tools/bench/import reads) when stderr is a file or pipe.
final class ProgressBar: Sendable {
    private struct State {
        var phase: ImportPhase?
        var percent = -1
        var drawn = false
    }

    private let fileName: String
    private let isTerminal: Bool
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    init(fileName: String) {
        self.fileName = fileName
        self.isTerminal = isatty(STDERR_FILENO) == 1
    }

    func show(_ job: ImportJob) {
        state.withLock { state in
            guard job.phase != state.phase || job.percent != state.percent else { return }
            if isTerminal {
                let width = 30
                let filled = width * max(0, min(job.percent, 100)) / 100
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                let phase = job.phase.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
                Self.write("\r\(fileName) [\(bar)] \(String(format: "%3d", job.percent))% \(phase)")
                state.drawn = true
            } else if job.phase != state.phase || job.percent / 10 != state.percent / 10 {
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                Self.write("\(fileName): \(job.phase.rawValue) \(job.percent)% at \(String(format: "%.2f", seconds)) s\n")
            }
            state.phase = job.phase
            state.percent = job.percent
        }
    }

    func finish() {
        state.withLock { state in
            if state.drawn { Self.write("\n") }
            state.drawn = false
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
